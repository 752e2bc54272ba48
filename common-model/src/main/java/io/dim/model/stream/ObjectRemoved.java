package io.dim.model.stream;

/**
 * A bucket notification said someone else than DIM removed an object DIM manages
 * ({@link Topics#REMOVED}): api-service reads back the object's verified replicas in that
 * bucket at once, so a replica gone behind DIM's back is reported (the
 * {@code replica_mismatch} alert) instead of being found by the next scrub or read.
 *
 * @param bucket the bucket named by the notification
 * @param key the object's key (decoded)
 * @param eventId the notification record's id ({@code s3:bucket/key@sequencer:event})
 */
public record ObjectRemoved(String bucket, String key, String eventId) {

}
