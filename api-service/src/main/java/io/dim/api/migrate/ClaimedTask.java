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
 */
record ClaimedTask(long id, long jobId, TaskKind kind, String key, String source, String target, int attempts) {

}
