package io.dim.api.file;

import java.time.Instant;

/**
 * One replica in GET /files/{key}.
 *
 * @param endpoint where it is
 * @param state VALID once a verified copy holds it; PENDING, DELETING on the way
 * @param verifiedAt when its bytes were last checked against the object's SHA-256; null
 * after a bucket notification said someone else wrote or removed it while its endpoint
 * did not answer (the scrubber reads it first once it does)
 * @param foundWrong whether a read, copy, scrub or bucket notification found it not to
 * hold the object's bytes (other bytes, or gone) within
 * {@code dim.alerts.mismatch-window} (decision 007: reported, never rewritten; the last
 * choice of reads and copies)
 */
public record ReplicaView(String endpoint, String state, Instant verifiedAt, boolean foundWrong) {

}
