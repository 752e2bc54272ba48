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
 * @param tierSource where the tier comes from: {@link #HEAT_BANDS} (possibly with why the
 * models were not used), {@link #MODEL} or {@link #PREWARM}
 * @param advice what ml-service said, if it answered
 */
public record ObjectFacts(String key, long sizeBytes, Set<String> current, double heat, Tier tier, String tierSource,
		TierAdvice advice) {

	/** Tier kept by stream-service from the heat bands, with hysteresis. */
	public static final String HEAT_BANDS = "heat bands";

	/** Tier predicted by ml-service's tier model. */
	public static final String MODEL = "model";

	/** Made hot ahead of time by ml-service's hot-soon forecast. */
	public static final String PREWARM = "pre-warm";

	ObjectFacts withTier(Tier newTier, String source, TierAdvice newAdvice) {
		return new ObjectFacts(this.key, this.sizeBytes, this.current, this.heat, newTier, source, newAdvice);
	}

}
