package io.dim.model.stream;

import java.time.Instant;

/**
 * One access to one object, as carried on {@link Topics#ACCESS} (keyed by object key).
 *
 * @param eventId unique id of the event (for tracing; exactly-once comes from offsets)
 * @param key object key
 * @param op read or write
 * @param bytes bytes transferred, 0 or more
 * @param ts when the access happened
 * @param source who reported it (simulator, producer, api, s3-notification, ...)
 */
public record AccessEvent(String eventId, String key, AccessOp op, long bytes, Instant ts, String source) {

}
