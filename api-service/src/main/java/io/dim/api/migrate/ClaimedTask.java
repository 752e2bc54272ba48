package io.dim.api.migrate;

import io.dim.model.migration.TaskKind;

/**
 * A task this worker holds the lease of.
 *
 * @param id task id
 * @param jobId its job
 * @param kind COPY or DELETE
 * @param key object key
 * @param source endpoint to copy from (COPY; null to pick the best replica)
 * @param target endpoint to copy to, or to delete from
 * @param attempts attempts so far, this one included
 * @param sizeBytes the object's catalogued size, -1 when it is no longer catalogued
 * @param sha256 the object's catalogued SHA-256, null when it is no longer catalogued
 */
record ClaimedTask(long id, long jobId, TaskKind kind, String key, String source, String target, int attempts,
		long sizeBytes, String sha256) {

	boolean catalogued() {
		return this.sha256 != null;
	}

}
