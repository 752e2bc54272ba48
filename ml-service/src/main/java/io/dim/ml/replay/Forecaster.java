package io.dim.ml.replay;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.TreeMap;
import java.util.function.Consumer;

import io.dim.ml.dataset.DatasetBuilder;
import io.dim.ml.dataset.FeatureRow;
import io.dim.ml.train.FeatureEncoding;
import io.dim.ml.train.Task;
import io.dim.ml.train.TaskTraining;
import io.dim.ml.train.TrainingMetrics;
import io.dim.model.features.FeatureCalculator;
import org.tribuo.Model;
import org.tribuo.classification.Label;
import org.tribuo.classification.LabelFactory;

/**
 * The hot-soon forecaster of the ML issue, trained the way {@code train-forecast} trains
 * it (the same dataset builder, candidates and choice) on the training part of a trace
 * only, as from {@code prepare-dataset --horizon 24h --hot-soon peak}: the hourly pass
 * asks whether an object will have a peak (an hour at the hot rate) within the next day.
 * That horizon is what placement needs: with a one-hour horizon, an object hot every
 * morning looks cold every evening and moves off its fast replica twice a day. A training
 * part shorter than {@link #PEAK_HISTORY} (a live catalogue's couple of days) leaves too
 * few whole days to learn from: then the forecaster asks, as {@code prepare-dataset}'s
 * defaults do, whether the next hour reads at the hot rate.
 */
final class Forecaster {

	static final Duration PEAK_HORIZON = Duration.ofHours(24);

	static final Duration SHORT_HORIZON = Duration.ofHours(1);

	static final Duration PEAK_HISTORY = Duration.ofDays(4);

	/**
	 * Rows the random forest trains on: 30,000 (train-forecast's cap) took 34 s here, a
	 * third of the replay's budget; 8,000 take about a quarter of that.
	 */
	static final int FOREST_ROWS = 8_000;

	private final Model<Label> model;

	private final FeatureCalculator features;

	private final TrainingMetrics metrics;

	private final DatasetBuilder labels;

	private final Duration horizon;

	private Forecaster(Model<Label> model, FeatureCalculator features, TrainingMetrics metrics, DatasetBuilder labels,
			Duration horizon) {
		this.model = model;
		this.features = features;
		this.metrics = metrics;
		this.labels = labels;
		this.horizon = horizon;
	}

	/** Trains on the events before {@code until}. */
	static Forecaster train(Trace trace, ReplaySettings settings, long until, Consumer<String> progress) {
		Map<String, DatasetBuilder.ObjectInfo> objects = new HashMap<>();
		Map<String, NavigableMap<Long, long[]>> history = new HashMap<>();
		long hour = Duration.ofHours(1).toMillis();
		for (int e = 0; e < trace.events() && trace.time(e) < until; e++) {
			int object = trace.object(e);
			long time = trace.time(e);
			String key = trace.key(object);
			objects.computeIfAbsent(key, (k) -> new DatasetBuilder.ObjectInfo(trace.size(object), time));
			long[] bucket = history.computeIfAbsent(key, (k) -> new TreeMap<>())
				.computeIfAbsent(time / hour * hour, (h) -> new long[2]);
			bucket[trace.isWrite(e) ? 1 : 0]++;
		}
		boolean peak = until - trace.start() >= PEAK_HISTORY.toMillis();
		Duration horizon = peak ? PEAK_HORIZON : SHORT_HORIZON;
		// A peak: one hour at the hot band's rate (the whole one-hour horizon otherwise).
		double hotSoonReads = DatasetBuilder.hotReadsOver(settings.bands(), settings.halfLife(), Duration.ofHours(1));
		DatasetBuilder builder = new DatasetBuilder(settings.bands(), Duration.ofHours(1), settings.halfLife(), horizon,
				DatasetBuilder.LabelMode.FUTURE, hotSoonReads);
		DatasetBuilder labelled = peak ? builder.withPeakLabel() : builder;
		// Trained on the object-hours it is asked about, as train-forecast trains: the
		// hourly pass forecasts only for objects accessed within the last day.
		List<FeatureRow> rows = labelled.build(objects, history)
			.stream()
			.filter((row) -> Task.FORECAST.covers(row.features()))
			.toList();
		long hot = rows.stream().filter(FeatureRow::hotSoon).count();
		if (hot == 0 || hot == rows.size()) {
			throw new IllegalArgumentException("the training part of the trace (" + rows.size() + " object-hours) has "
					+ ((hot == 0) ? "no" : "only") + " hot-soon examples: "
					+ "give a longer trace or a larger --train-share");
		}
		progress.accept(String.format(java.util.Locale.ROOT,
				"training the forecaster on %d object-hours before %s (%d %s)", rows.size(),
				java.time.Instant.ofEpochMilli(until), hot, peak ? "with a peak within a day" : "hot within the hour"));
		TaskTraining.Result result = new TaskTraining(settings.seed(), 0.25, FOREST_ROWS).train(Task.FORECAST, rows,
				horizon.toMillis(), new TrainingMetrics.Data("trace", rows.size(), 0, 0, 0, null, Map.of()), progress);
		return new Forecaster(result.model(),
				new FeatureCalculator(settings.bands(), Duration.ofHours(1), settings.halfLife()), result.metrics(),
				labelled, horizon);
	}

	/** The probability that the object is hot within the horizon after {@code cutoff}. */
	double hotSoon(long sizeBytes, long createdAt, NavigableMap<Long, long[]> buckets, long cutoff) {
		return TaskTraining.positiveProbability(this.model.predict(FeatureEncoding.example(LabelFactory.UNKNOWN_LABEL,
				this.features.at(sizeBytes, createdAt, buckets, cutoff))), Task.FORECAST.positive());
	}

	TrainingMetrics metrics() {
		return this.metrics;
	}

	/** How far ahead it forecasts: a day (a peak within it) or an hour. */
	Duration horizon() {
		return this.horizon;
	}

	/**
	 * What actually followed {@code cutoff}: the label a forecast made then is checked
	 * against.
	 */
	boolean hotSoonAfter(NavigableMap<Long, long[]> buckets, long cutoff) {
		return this.labels.hotSoon(buckets, cutoff);
	}

	/** "a peak within a day" or "hot within the hour". */
	String describes() {
		return this.horizon.equals(PEAK_HORIZON) ? "a peak within a day" : "hot within the hour";
	}

}
