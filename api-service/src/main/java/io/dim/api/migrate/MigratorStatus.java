package io.dim.api.migrate;

import java.util.List;
import java.util.Map;

/**
 * The migration queue at a glance ({@code GET /migrator/status}).
 *
 * @param tasksByState task count per state
 * @param oldestPendingSeconds age of the oldest task waiting (PENDING or RETRY), 0 if
 * none
 * @param copiesWaitingForRead PENDING copies whose wait for a read to carry them has not
 * ended ({@code dim.migrator.copy-on-read-wait})
 * @param recentCopies verified copies in the last five minutes, by every instance sharing
 * the database (made by the migrator or carried by reads)
 * @param recentBytes bytes they copied
 * @param recentBytesPerSecond their throughput over the five minutes
 * @param deletesWaitForRecovery whether deletes wait because an endpoint is failed
 * (chaos) or down
 * @param deletesWaitReason which endpoint and why, null when they do not wait
 * @param recentJobs the latest jobs, newest first
 * @param failedTasks parked tasks with their errors, newest first
 */
public record MigratorStatus(Map<String, Long> tasksByState, double oldestPendingSeconds, long copiesWaitingForRead,
		long recentCopies, long recentBytes, double recentBytesPerSecond, boolean deletesWaitForRecovery,
		String deletesWaitReason, List<JobView> recentJobs, List<FailedTask> failedTasks) {

	/**
	 * @param id job id
	 * @param key object key
	 * @param state job state
	 * @param targets target endpoints
	 * @param reason why it was created (or why it failed)
	 * @param createdAt epoch milliseconds
	 * @param updatedAt epoch milliseconds
	 * @param tasks its tasks: kind, target and state, e.g. "COPY azure DONE" or "COPY gcp
	 * PENDING (waiting for a read)"
	 */
	public record JobView(long id, String key, String state, String targets, String reason, long createdAt,
			long updatedAt, List<String> tasks) {

	}

	/**
	 * @param id task id
	 * @param jobId its job
	 * @param kind COPY or DELETE
	 * @param key object key
	 * @param target endpoint
	 * @param attempts attempts made
	 * @param error the last error
	 */
	public record FailedTask(long id, long jobId, String kind, String key, String target, int attempts, String error) {

	}

}
