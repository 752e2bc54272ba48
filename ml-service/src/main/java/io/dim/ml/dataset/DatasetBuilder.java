package io.dim.ml.dataset;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.TreeMap;
import java.util.TreeSet;

import io.dim.model.features.FeatureCalculator;
import io.dim.model.features.Features;
import io.dim.model.heat.HeatBands;

/**
 * Builds feature rows from the access history: a cutoff at the end of every history
 * bucket, a row for every object created before it. In "future" mode only cutoffs with a
 * whole horizon of history after them are used, so no label looks past the data.
 */
public final class DatasetBuilder {

	private final HeatBands bands;

	private final FeatureCalculator features;

	private final Duration horizon;

	private final LabelMode mode;

	private final double hotSoonReads;

	private final boolean peakLabel;

	public DatasetBuilder(HeatBands bands, Duration bucketWidth, Duration halfLife, Duration horizon, LabelMode mode,
			double hotSoonReads) {
		this(bands, bucketWidth, halfLife, horizon, mode, hotSoonReads, false);
	}

	private DatasetBuilder(HeatBands bands, Duration bucketWidth, Duration halfLife, Duration horizon, LabelMode mode,
			double hotSoonReads, boolean peakLabel) {
		this.bands = bands;
		this.features = new FeatureCalculator(bands, bucketWidth, halfLife);
		this.horizon = horizon;
		this.mode = mode;
		this.hotSoonReads = hotSoonReads;
		this.peakLabel = peakLabel;
	}

	/**
	 * The same builder with hot_soon meaning a peak: some bucket within the horizon reads
	 * at least {@code hotSoonReads} (instead of the whole horizon). With a day's horizon
	 * that tells an object hot every morning from one that is warm all day.
	 */
	public DatasetBuilder withPeakLabel() {
		return new DatasetBuilder(this.bands, this.features.bucketWidth(), this.features.halfLife(), this.horizon,
				this.mode, this.hotSoonReads, true);
	}

	/**
	 * The reads over the horizon that, held steady, settle at the hot band's heat: the
	 * default hot_soon threshold.
	 */
	public static double hotReadsOver(HeatBands bands, Duration halfLife, Duration horizon) {
		return bands.hot() * Math.log(2) / hours(halfLife) * hours(horizon);
	}

	/**
	 * @param objects object facts by key
	 * @param history per object: bucket start (ms) to {reads, writes}
	 */
	public List<FeatureRow> build(Map<String, ObjectInfo> objects, Map<String, NavigableMap<Long, long[]>> history) {
		TreeSet<Long> starts = new TreeSet<>();
		history.values().forEach((buckets) -> starts.addAll(buckets.keySet()));
		List<FeatureRow> rows = new ArrayList<>();
		if (starts.isEmpty()) {
			return rows;
		}
		long width = this.features.bucketWidth().toMillis();
		long lastEnd = starts.last() + width;
		for (long start : starts) {
			long cutoff = start + width;
			if (this.mode == LabelMode.FUTURE && cutoff + this.horizon.toMillis() > lastEnd) {
				continue;
			}
			for (Map.Entry<String, ObjectInfo> object : new TreeMap<>(objects).entrySet()) {
				if (object.getValue().createdAt() >= cutoff) {
					continue;
				}
				rows.add(row(object.getKey(), object.getValue(), history.getOrDefault(object.getKey(), new TreeMap<>()),
						cutoff));
			}
		}
		return rows;
	}

	private FeatureRow row(String key, ObjectInfo info, NavigableMap<Long, long[]> buckets, long cutoff) {
		Features features = this.features.at(info.sizeBytes(), info.createdAt(), buckets, cutoff);
		Horizon after = horizonAfter(buckets, cutoff);
		String label = (this.mode == LabelMode.FIXED) ? features.tierNow()
				: this.bands.tierOf(after.reads() / hours(this.horizon) * hours(this.features.halfLife()) / Math.log(2))
					.label();
		return new FeatureRow(key, cutoff, features, after.reads(), label, hotSoon(after));
	}

	/**
	 * The hot_soon label of an object at {@code cutoff}, from its buckets after it: how a
	 * forecast made then is checked later.
	 */
	public boolean hotSoon(NavigableMap<Long, long[]> buckets, long cutoff) {
		return hotSoon(horizonAfter(buckets, cutoff));
	}

	private boolean hotSoon(Horizon after) {
		return (this.peakLabel ? after.busiest() : after.reads()) >= this.hotSoonReads;
	}

	private Horizon horizonAfter(NavigableMap<Long, long[]> buckets, long cutoff) {
		long reads = 0;
		long busiest = 0;
		for (long[] bucket : buckets.subMap(cutoff, true, cutoff + this.horizon.toMillis(), false).values()) {
			reads += bucket[0];
			busiest = Math.max(busiest, bucket[0]);
		}
		return new Horizon(reads, busiest);
	}

	/** Reads within the horizon after a cutoff, and those of its busiest bucket. */
	private record Horizon(long reads, long busiest) {

	}

	private static double hours(Duration duration) {
		return duration.toMillis() / 3_600_000.0;
	}

	/**
	 * @param sizeBytes object size
	 * @param createdAt creation time, epoch milliseconds
	 */
	public record ObjectInfo(long sizeBytes, long createdAt) {

	}

	/** How the tier label is made. */
	public enum LabelMode {

		/** The heat band at the cutoff (what the rules would say now). */
		FIXED,

		/**
		 * The band of the access rate over the next horizon (what the tier should be).
		 */
		FUTURE

	}

}
