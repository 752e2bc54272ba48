package io.dim.model.features;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.Map;
import java.util.NavigableMap;

import io.dim.model.heat.HeatBands;

/**
 * Computes {@link Features} from an object's access_bucket history. Only a fixed
 * look-back window before the cutoff counts (24 buckets, or 10 half-lives if longer), so
 * a dataset built from the whole history and a prediction built from a recent query see
 * the same numbers.
 */
public final class FeatureCalculator {

	private static final int BUCKETS = 24;

	private final HeatBands bands;

	private final Duration bucketWidth;

	private final Duration halfLife;

	public FeatureCalculator(HeatBands bands, Duration bucketWidth, Duration halfLife) {
		this.bands = bands;
		this.bucketWidth = bucketWidth;
		this.halfLife = halfLife;
	}

	/** How far back before a cutoff the history matters, in milliseconds. */
	public long lookBackMillis() {
		return Math.max(BUCKETS * this.bucketWidth.toMillis(), 10 * this.halfLife.toMillis());
	}

	public Duration bucketWidth() {
		return this.bucketWidth;
	}

	public Duration halfLife() {
		return this.halfLife;
	}

	/**
	 * @param sizeBytes object size
	 * @param createdAt creation time, epoch milliseconds
	 * @param buckets bucket start (ms) to {reads, writes}; buckets at or after the cutoff
	 * are ignored
	 * @param cutoff the moment the features describe, epoch milliseconds
	 */
	public Features at(long sizeBytes, long createdAt, NavigableMap<Long, long[]> buckets, long cutoff) {
		long width = this.bucketWidth.toMillis();
		NavigableMap<Long, long[]> past = buckets.subMap(cutoff - lookBackMillis(), true, cutoff, false);
		double heat = 0;
		Long lastAccess = null;
		for (Map.Entry<Long, long[]> bucket : past.entrySet()) {
			long accesses = bucket.getValue()[0] + bucket.getValue()[1];
			// A bucket still filling (at prediction time) counts as if at the cutoff.
			double age = Math.max(0, cutoff - (bucket.getKey() + width / 2.0));
			heat += accesses * Math.pow(2, -age / this.halfLife.toMillis());
			if (accesses > 0) {
				lastAccess = Math.min(bucket.getKey() + width, cutoff);
			}
		}
		long reads1 = reads(past, cutoff - width);
		long reads6 = reads(past, cutoff - 6 * width);
		long reads24 = reads(past, cutoff - BUCKETS * width);
		long writes24 = past.tailMap(cutoff - BUCKETS * width, true).values().stream().mapToLong((b) -> b[1]).sum();
		ZonedDateTime at = Instant.ofEpochMilli(cutoff).atZone(ZoneOffset.UTC);
		return new Features(sizeBytes, Math.max(0, cutoff - createdAt) / 3_600_000.0, heat, reads1, reads6, reads24,
				writes24, (lastAccess == null) ? -1 : (cutoff - lastAccess) / 3_600_000.0, reads1 - reads6 / 6.0,
				at.getHour(), at.getDayOfWeek().getValue(), this.bands.tierOf(heat).label());
	}

	private static long reads(NavigableMap<Long, long[]> past, long from) {
		return past.tailMap(from, true).values().stream().mapToLong((b) -> b[0]).sum();
	}

}
