package io.dim.api.read;

import io.dim.api.file.ReplicaMismatches;

/**
 * What one scrub round did.
 *
 * @param checked replicas read back
 * @param verified ... whose bytes were the object's (their verification time renewed)
 * @param mismatched ... whose size or SHA-256 was not the object's (see
 * {@link ReplicaMismatches})
 * @param unreachable ... that could not be read (tried again next round)
 * @param bytes bytes read
 * @param seconds the round's duration
 */
public record ScrubReport(int checked, int verified, int mismatched, int unreachable, long bytes, double seconds) {

}
