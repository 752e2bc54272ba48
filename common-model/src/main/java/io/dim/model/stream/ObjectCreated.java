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
 * @param heldWrite that access event (the creation's WRITE) when DIM did not manage the
 * key at the time: held here rather than dead-lettered as an unknown key, for api-service
 * to publish on {@link Topics#ACCESS} once the object is adopted (or to dead-letter when
 * it is not); null when stream-service published it itself
 */
public record ObjectCreated(String bucket, String key, long size, String eventId, AccessEvent heldWrite) {

}
