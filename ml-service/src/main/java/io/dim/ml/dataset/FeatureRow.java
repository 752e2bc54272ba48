package io.dim.ml.dataset;

/**
 * One object at one cutoff time: what was known then (features) and what came next
 * (labels).
 *
 * @param key object key
 * @param cutoff the cutoff, epoch milliseconds (end of a history bucket)
 * @param sizeBytes object size
 * @param ageHours time since the object was created
 * @param heat decayed accesses at the cutoff (as stream-service computes heat)
 * @param reads1 reads in the last bucket
 * @param reads6 reads in the last 6 buckets
 * @param reads24 reads in the last 24 buckets
 * @param writes24 writes in the last 24 buckets
 * @param hoursSinceAccess time since the last bucket with an access (-1: none yet)
 * @param trend reads in the last bucket minus the mean of the last 6
 * @param hourOfDay hour of the cutoff, UTC
 * @param dayOfWeek day of the cutoff, 1 (Monday) to 7, UTC
 * @param tierNow the heat band at the cutoff
 * @param futureReads reads in the horizon after the cutoff
 * @param labelTier the tier label (fixed: the band at the cutoff; future: the band of the
 * rate of the next horizon)
 * @param hotSoon whether the next horizon's reads reach the hot threshold
 */
public record FeatureRow(String key, long cutoff, long sizeBytes, double ageHours, double heat, long reads1,
		long reads6, long reads24, long writes24, double hoursSinceAccess, double trend, int hourOfDay, int dayOfWeek,
		String tierNow, long futureReads, String labelTier, boolean hotSoon) {

}
