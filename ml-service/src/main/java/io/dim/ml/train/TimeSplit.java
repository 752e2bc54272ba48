package io.dim.ml.train;

import java.util.List;

import io.dim.ml.dataset.FeatureRow;

/**
 * Splits rows by time: the latest share of cutoffs is the test set; training keeps only
 * rows whose label horizon ends before the first test cutoff, so no training label has
 * seen the test period.
 *
 * @param train rows to fit on
 * @param test rows to evaluate on
 * @param testFrom the first test cutoff, epoch milliseconds
 * @param purged rows dropped because their labels reach into the test period
 */
public record TimeSplit(List<FeatureRow> train, List<FeatureRow> test, long testFrom, long purged) {

	public static TimeSplit of(List<FeatureRow> rows, double testShare, long horizonMillis) {
		long[] cutoffs = rows.stream().mapToLong(FeatureRow::cutoff).distinct().sorted().toArray();
		if (cutoffs.length < 2) {
			throw new IllegalArgumentException(
					"the data has " + cutoffs.length + " cutoff(s); a time-based split needs at least 2");
		}
		int testCount = Math.max(1, (int) Math.round(cutoffs.length * testShare));
		long testFrom = cutoffs[cutoffs.length - testCount];
		List<FeatureRow> test = rows.stream().filter((r) -> r.cutoff() >= testFrom).toList();
		List<FeatureRow> before = rows.stream().filter((r) -> r.cutoff() < testFrom).toList();
		List<FeatureRow> train = before.stream().filter((r) -> r.cutoff() + horizonMillis <= testFrom).toList();
		if (train.isEmpty()) {
			throw new IllegalArgumentException("no training rows end their horizon before the test period ("
					+ cutoffs.length + " cutoffs): the history is too short for this horizon");
		}
		return new TimeSplit(train, test, testFrom, before.size() - train.size());
	}

}
