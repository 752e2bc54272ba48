package io.dim.ml.replay;

import java.util.ArrayList;
import java.util.List;

import io.dim.ml.train.ClassificationReport;

/**
 * How dim's forecasts held up on the evaluated period, which the forecaster was not
 * trained on: every hourly forecast for an object the hourly pass re-planned, checked
 * against what followed it. The forecaster's own metrics come from the last day and a
 * half of its training part (on the benchmark's trace, a weekend); these come from the
 * weeks it was used in.
 *
 * @param forecastOf what was forecast: "a peak within a day" or "hot within the hour"
 * @param forecasts forecasts checked (those whose horizon ends within the trace)
 * @param cameTrue those that were followed by what was forecast
 * @param rocAuc ROC AUC of the forecast probabilities (null when all or none came true)
 * @param heatBandsRocAuc the same for the heat at the time of the forecast (the heat-band
 * baseline, as in the forecaster's training metrics)
 * @param threshold the pre-warm threshold dim acts at
 * @param precision of the forecasts at or above the threshold, the share that came true
 * @param recall of those that came true, the share forecast at or above the threshold
 */
public record ForecastCheck(String forecastOf, long forecasts, long cameTrue, Double rocAuc, Double heatBandsRocAuc,
		double threshold, double precision, double recall) {

	private static final List<String> CLASSES = List.of("true", "false");

	/** The forecasts of one replay, checked once it has ended. */
	static final class Log {

		private final List<double[]> entries = new ArrayList<>();

		/**
		 * A forecast {@code probability} for {@code object} at {@code time}, when its
		 * heat was {@code heat}.
		 */
		void add(int object, long time, double probability, double heat) {
			this.entries.add(new double[] { object, time, probability, heat });
		}

		ForecastCheck check(Forecaster forecaster, Replay replay, double threshold) {
			long end = replay.trace().end();
			List<String> actual = new ArrayList<>();
			List<String> predicted = new ArrayList<>();
			List<Double> probabilities = new ArrayList<>();
			List<Double> heats = new ArrayList<>();
			for (double[] entry : this.entries) {
				int object = (int) entry[0];
				long time = (long) entry[1];
				if (time + forecaster.horizon().toMillis() > end) {
					continue;
				}
				actual.add(String.valueOf(forecaster.hotSoonAfter(replay.buckets(object), time)));
				predicted.add(String.valueOf(entry[2] >= threshold));
				probabilities.add(entry[2]);
				heats.add(entry[3]);
			}
			double[] scores = probabilities.stream().mapToDouble(Double::doubleValue).toArray();
			ClassificationReport model = ClassificationReport.of(CLASSES, actual, predicted, scores, "true");
			boolean[] cameTrue = new boolean[actual.size()];
			for (int i = 0; i < cameTrue.length; i++) {
				cameTrue[i] = actual.get(i).equals("true");
			}
			double bands = ClassificationReport.rocAuc(heats.stream().mapToDouble(Double::doubleValue).toArray(),
					cameTrue);
			ClassificationReport.ClassMetrics positive = model.perClass().get("true");
			return new ForecastCheck(forecaster.describes(), actual.size(), positive.support(), model.rocAuc(),
					Double.isNaN(bands) ? null : bands, threshold, positive.precision(), positive.recall());
		}

	}

}
