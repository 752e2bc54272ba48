package io.dim.api.migrate;

/**
 * What one migrator round did.
 *
 * @param claimed tasks claimed
 * @param copied copies verified
 * @param deleted replicas deleted
 * @param retried tasks put back to retry
 * @param failed tasks parked as FAILED
 * @param postponed deletes put back because an endpoint is failed or down
 * @param bytes bytes copied
 * @param jobsDone jobs finished
 * @param jobsFailed jobs failed
 * @param deletesPlanned DELETE tasks created for verified jobs
 * @param deletesWaiting jobs whose deletes wait for failed or down endpoints to recover
 * @param seconds how long the round took
 */
public record TickReport(int claimed, int copied, int deleted, int retried, int failed, int postponed, long bytes,
		int jobsDone, int jobsFailed, int deletesPlanned, int deletesWaiting, double seconds) {

}
