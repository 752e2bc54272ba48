package io.dim.ml.dataset;

import io.dim.model.features.Features;

/**
 * One object at one cutoff time: what was known then (features) and what came next
 * (labels).
 *
 * @param key object key
 * @param cutoff the cutoff, epoch milliseconds (end of a history bucket)
 * @param features what was known at the cutoff
 * @param futureReads reads in the horizon after the cutoff
 * @param labelTier the tier label (fixed: the band at the cutoff; future: the band of the
 * rate of the next horizon)
 * @param hotSoon whether the next horizon's reads reach the hot threshold
 */
public record FeatureRow(String key, long cutoff, Features features, long futureReads, String labelTier,
		boolean hotSoon) {

}
