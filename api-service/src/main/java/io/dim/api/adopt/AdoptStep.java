package io.dim.api.adopt;

import java.util.List;

/**
 * One object of an adoption, as a progress line.
 *
 * @param done objects looked at so far
 * @param key the object's key
 * @param action {@code adopted} (recorded now), {@code known} (recorded before, left
 * alone) or {@code conflict} (another endpoint holds other bytes under the key: not
 * adopted)
 * @param size its size in bytes
 * @param endpoints for {@code adopted}, the endpoints found holding its bytes (each
 * recorded as a verified replica); for {@code conflict}, those holding other bytes
 */
public record AdoptStep(int done, String key, String action, long size, List<String> endpoints) {

	public static final String ADOPTED = "adopted";

	public static final String KNOWN = "known";

	public static final String CONFLICT = "conflict";

}
