package io.dim.api.adopt;

/**
 * One object of an adoption, as a progress line.
 *
 * @param done objects looked at so far
 * @param key the object's key
 * @param action {@code adopted} (recorded now) or {@code known} (recorded before, left
 * alone)
 * @param size its size in bytes
 */
public record AdoptStep(int done, String key, String action, long size) {

}
