package io.dim.api.optimize;

import java.util.Set;

import io.dim.model.heat.Tier;

/**
 * What a placement decision about one object rests on.
 *
 * @param key object key
 * @param sizeBytes its size
 * @param current endpoints holding a verified (VALID) replica
 * @param heat its heat score (decayed accesses), 0 if never accessed
 * @param tier its tier
 * @param tierSource where the tier comes from
 */
public record ObjectFacts(String key, long sizeBytes, Set<String> current, double heat, Tier tier, String tierSource) {

	/** Tier kept by stream-service from the heat bands, with hysteresis. */
	public static final String HEAT_BANDS = "heat bands";

}
