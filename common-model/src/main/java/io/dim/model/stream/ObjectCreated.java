package io.dim.model.stream;

/**
 * A bucket notification said an object was created ({@link Topics#CREATED}): api-service
 * adopts it when DIM does not manage it yet, so objects written straight into a bucket
 * come under management without anyone asking.
 *
 * @param bucket the bucket named by the notification
 * @param key the object's key (decoded)
 * @param size its size as notified, in bytes
 * @param eventId the access event made from the same notification
 */
public record ObjectCreated(String bucket, String key, long size, String eventId) {

}
