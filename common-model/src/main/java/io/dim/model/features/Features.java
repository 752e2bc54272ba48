package io.dim.model.features;

/**
 * One object's features at a cutoff time: the inputs of the tier classifier and the
 * hot-soon forecaster.
 *
 * @param sizeBytes object size
 * @param ageHours time since the object was created
 * @param heat decayed accesses at the cutoff (as stream-service computes heat)
 * @param reads1 reads in the last bucket
 * @param reads6 reads in the last 6 buckets
 * @param reads24 reads in the last 24 buckets
 * @param writes24 writes in the last 24 buckets
 * @param hoursSinceAccess time since the end of the last bucket with an access (-1: none
 * in the look-back window)
 * @param trend reads in the last bucket minus the mean of the last 6
 * @param hourOfDay hour of the cutoff, UTC
 * @param dayOfWeek day of the cutoff, 1 (Monday) to 7, UTC
 * @param tierNow the heat band at the cutoff
 */
public record Features(long sizeBytes, double ageHours, double heat, long reads1, long reads6, long reads24,
		long writes24, double hoursSinceAccess, double trend, int hourOfDay, int dayOfWeek, String tierNow) {

}
