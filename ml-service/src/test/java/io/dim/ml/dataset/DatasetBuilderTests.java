package io.dim.ml.dataset;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.TreeMap;

import org.junit.jupiter.api.Test;

import io.dim.model.heat.HeatBands;

/**
 * Tests for {@link DatasetBuilder}: features, labels and cutoffs from a small history.
 */
class DatasetBuilderTests {

	static final long HOUR = 3_600_000L;

	static final long T0 = 1_764_000_000_000L - (1_764_000_000_000L % HOUR);

	final HeatBands bands = new HeatBands(20, 2, 0.1);

	/** "rising": quiet for 4 hours, then 40 reads an hour; "steady": 3 reads an hour. */
	final Map<String, NavigableMap<Long, long[]>> history = Map.of("rising", buckets(0, 0, 0, 0, 40, 40, 40, 40),
			"steady", buckets(3, 3, 3, 3, 3, 3, 3, 3));

	final Map<String, DatasetBuilder.ObjectInfo> objects = Map.of("rising", new DatasetBuilder.ObjectInfo(1000, T0),
			"steady", new DatasetBuilder.ObjectInfo(2000, T0), "later",
			new DatasetBuilder.ObjectInfo(5, T0 + 5 * HOUR));

	@Test
	void futureLabelsUseOnlyCutoffsWithAWholeHorizonAfterThem() {
		List<FeatureRow> rows = builder(DatasetBuilder.LabelMode.FUTURE, Duration.ofHours(2), 60).build(this.objects,
				this.history);
		// 8 buckets of history; cutoffs at the end of buckets 1..6 have 2 hours after
		// them.
		assertThat(rows.stream().mapToLong(FeatureRow::cutoff).distinct().sorted().toArray()).containsExactly(T0 + HOUR,
				T0 + 2 * HOUR, T0 + 3 * HOUR, T0 + 4 * HOUR, T0 + 5 * HOUR, T0 + 6 * HOUR);
		// "later" exists only from hour 5: rows for the cutoffs after that.
		assertThat(rows.stream().filter((r) -> r.key().equals("later")).map(FeatureRow::cutoff))
			.containsExactly(T0 + 6 * HOUR);

		FeatureRow beforeRise = row(rows, "rising", T0 + 3 * HOUR);
		assertThat(beforeRise.features().reads1()).isZero();
		assertThat(beforeRise.futureReads()).isEqualTo(40);
		assertThat(beforeRise.features().tierNow()).isEqualTo("cold");
		assertThat(beforeRise.hotSoon()).isFalse();
		assertThat(beforeRise.features().hoursSinceAccess()).isEqualTo(-1);

		FeatureRow atRise = row(rows, "rising", T0 + 4 * HOUR);
		assertThat(atRise.futureReads()).isEqualTo(80);
		assertThat(atRise.hotSoon()).isTrue();
		// 40 reads an hour settle at a heat of 40 / ln 2 = 57.7: hot.
		assertThat(atRise.labelTier()).isEqualTo("hot");
		assertThat(atRise.features().tierNow()).isEqualTo("cold");

		FeatureRow steady = row(rows, "steady", T0 + 6 * HOUR);
		assertThat(steady.features().reads1()).isEqualTo(3);
		assertThat(steady.features().reads6()).isEqualTo(18);
		assertThat(steady.features().reads24()).isEqualTo(18);
		assertThat(steady.features().trend()).isCloseTo(0, within(1e-9));
		assertThat(steady.features().hoursSinceAccess()).isZero();
		assertThat(steady.features().ageHours()).isEqualTo(6);
		assertThat(steady.features().sizeBytes()).isEqualTo(2000);
		// Each bucket's accesses decay from its middle: 3 x (2^-0.5 + 2^-1.5 + ... +
		// 2^-5.5).
		double heat = 0;
		for (int i = 0; i < 6; i++) {
			heat += 3 * Math.pow(2, -(i + 0.5));
		}
		assertThat(steady.features().heat()).isCloseTo(heat, within(1e-9));
		assertThat(steady.features().tierNow()).isEqualTo("warm");
		assertThat(steady.labelTier()).isEqualTo("warm");
	}

	@Test
	void fixedLabelsAreTheBandAtTheCutoffAndUseEveryCutoff() {
		List<FeatureRow> rows = builder(DatasetBuilder.LabelMode.FIXED, Duration.ofHours(2), 60).build(this.objects,
				this.history);
		assertThat(rows.stream().mapToLong(FeatureRow::cutoff).distinct().count()).isEqualTo(8);
		assertThat(rows).allSatisfy((row) -> assertThat(row.labelTier()).isEqualTo(row.features().tierNow()));
		assertThat(row(rows, "rising", T0 + 8 * HOUR).features().tierNow()).isEqualTo("hot");
	}

	@Test
	void aPeakLabelNeedsOneBusyBucketNotABusyHorizon() {
		// Threshold 14 reads: one hour at the hot rate. Over 4 hours, "steady" reads 12.
		List<FeatureRow> total = builder(DatasetBuilder.LabelMode.FUTURE, Duration.ofHours(4), 10).build(this.objects,
				this.history);
		List<FeatureRow> peak = builder(DatasetBuilder.LabelMode.FUTURE, Duration.ofHours(4), 14).withPeakLabel()
			.build(this.objects, this.history);
		// A warm object reading 3 an hour: 12 reads over the horizon pass a total of 10,
		// but it never has a peak.
		assertThat(row(total, "steady", T0 + 2 * HOUR).hotSoon()).isTrue();
		assertThat(row(peak, "steady", T0 + 2 * HOUR).hotSoon()).isFalse();
		// Three quiet hours, then 40 reads in the fourth: a peak within the horizon.
		assertThat(row(peak, "rising", T0 + HOUR).hotSoon()).isTrue();
		assertThat(row(peak, "rising", T0 + HOUR).futureReads()).isEqualTo(40);
		assertThat(peak).hasSameSizeAs(total);
	}

	@Test
	void aForecastIsCheckedLaterByTheSameLabelItsRowsHave() {
		// The replay checks dim's forecasts against what followed with hotSoon(buckets,
		// cutoff): it must agree with the label of every row built for that cutoff.
		for (DatasetBuilder builder : List.of(builder(DatasetBuilder.LabelMode.FUTURE, Duration.ofHours(4), 14),
				builder(DatasetBuilder.LabelMode.FUTURE, Duration.ofHours(4), 14).withPeakLabel())) {
			List<FeatureRow> rows = builder.build(this.objects, this.history);
			assertThat(rows).isNotEmpty().anyMatch(FeatureRow::hotSoon).anyMatch((row) -> !row.hotSoon());
			for (FeatureRow row : rows) {
				assertThat(
						builder.hotSoon(this.history.getOrDefault(row.key(), new java.util.TreeMap<>()), row.cutoff()))
					.as(row.key() + " at " + row.cutoff())
					.isEqualTo(row.hotSoon());
			}
		}
	}

	@Test
	void anEmptyHistoryGivesNoRows() {
		assertThat(builder(DatasetBuilder.LabelMode.FUTURE, Duration.ofHours(1), 10).build(this.objects, Map.of()))
			.isEmpty();
	}

	@Test
	void theDefaultHotSoonThresholdIsTheRateThatSettlesAtTheHotBand() {
		// hot band 20 with a 1 h half-life: 20 ln 2 = 13.86 reads an hour, over 2 hours.
		assertThat(DatasetBuilder.hotReadsOver(this.bands, Duration.ofHours(1), Duration.ofHours(2)))
			.isCloseTo(2 * 20 * Math.log(2), within(1e-9));
	}

	private DatasetBuilder builder(DatasetBuilder.LabelMode mode, Duration horizon, double hotSoonReads) {
		return new DatasetBuilder(this.bands, Duration.ofHours(1), Duration.ofHours(1), horizon, mode, hotSoonReads);
	}

	private static FeatureRow row(List<FeatureRow> rows, String key, long cutoff) {
		return rows.stream().filter((r) -> r.key().equals(key) && r.cutoff() == cutoff).findFirst().orElseThrow();
	}

	private static NavigableMap<Long, long[]> buckets(long... reads) {
		NavigableMap<Long, long[]> buckets = new TreeMap<>();
		for (int i = 0; i < reads.length; i++) {
			buckets.put(T0 + i * HOUR, new long[] { reads[i], 0 });
		}
		return buckets;
	}

}
