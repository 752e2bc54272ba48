package io.dim.ml.train;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.TreeMap;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import io.dim.ml.dataset.DatasetBuilder;
import io.dim.ml.dataset.FeatureRow;
import io.dim.model.heat.HeatBands;
import io.dim.model.stream.AccessEvent;
import io.dim.model.stream.AccessOp;
import io.dim.model.workload.StructuredWorkload;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * On a small seeded structured workload (objects that bloom later, daily cycles, flash
 * crowds, objects that cool off), the trained models beat the heat bands.
 */
public class ForecastQualityTests {

	static final HeatBands BANDS = new HeatBands(20, 2, 0.1);

	static final Duration HOUR = Duration.ofHours(1);

	static List<FeatureRow> rows;

	@BeforeAll
	static void buildDataset() {
		rows = dataset(300, 72, 7);
	}

	/** A structured run over {@code objects} objects and {@code hours} hours, as rows. */
	public static List<FeatureRow> dataset(int objects, int hours, long seed) {
		return dataset(objects, hours, seed, 0);
	}

	/**
	 * The same plus {@code idle} objects that exist throughout and are never accessed:
	 * the idle bulk of a real catalogue.
	 */
	static List<FeatureRow> dataset(int objects, int hours, long seed, int idle) {
		List<StructuredWorkload.Item> items = new ArrayList<>();
		for (int i = 0; i < objects; i++) {
			items.add(new StructuredWorkload.Item(String.format("obj-%04d", i), 1000L + i));
		}
		Instant start = Instant.parse("2026-11-02T00:00:00Z");
		StructuredWorkload workload = new StructuredWorkload(items, seed, start, Duration.ofHours(hours));
		Map<String, NavigableMap<Long, long[]>> history = new HashMap<>();
		for (Iterator<AccessEvent> events = workload.events(workload.expectedEvents(), "test"); events.hasNext();) {
			AccessEvent event = events.next();
			long bucket = event.ts().toEpochMilli() / HOUR.toMillis() * HOUR.toMillis();
			long[] counts = history.computeIfAbsent(event.key(), (k) -> new TreeMap<>())
				.computeIfAbsent(bucket, (b) -> new long[2]);
			counts[(event.op() == AccessOp.READ) ? 0 : 1]++;
		}
		Map<String, DatasetBuilder.ObjectInfo> info = new HashMap<>();
		items.forEach((item) -> info.put(item.key(),
				new DatasetBuilder.ObjectInfo(item.sizeBytes(), start.toEpochMilli() - 1)));
		for (int i = 0; i < idle; i++) {
			info.put(String.format("idle-%04d", i), new DatasetBuilder.ObjectInfo(1000L + i, start.toEpochMilli() - 1));
		}
		return new DatasetBuilder(BANDS, HOUR, HOUR, HOUR, DatasetBuilder.LabelMode.FUTURE,
				DatasetBuilder.hotReadsOver(BANDS, HOUR, HOUR))
			.build(info, history);
	}

	/** The test metrics of the candidate that was kept. */
	static ClassificationReport kept(TrainingMetrics metrics) {
		return metrics.candidates()
			.stream()
			.filter((c) -> c.name().equals(metrics.chosen()))
			.findFirst()
			.orElseThrow()
			.metrics();
	}

	static TrainingMetrics.Data data() {
		return new TrainingMetrics.Data("memory", 0, 0, 0, 0, null, Map.of());
	}

	@Test
	void theForecasterReachesAnAucOfAtLeast085AndBeatsTheHeatBands() {
		TaskTraining.Result result = new TaskTraining(42, 0.25).train(Task.FORECAST, rows, HOUR.toMillis(), data(),
				System.out::println);
		TrainingMetrics metrics = result.metrics();
		ClassificationReport kept = kept(metrics);
		System.out.println(metrics.why());
		assertThat(kept.rocAuc()).isGreaterThanOrEqualTo(0.85);
		assertThat(kept.rocAuc()).isGreaterThan(metrics.baseline().metrics().rocAuc());
		assertThat(metrics.candidates()).hasSize(2);
		assertThat(metrics.why()).contains(metrics.chosen()).contains("ROC AUC");
	}

	@Test
	void theForecasterLeavesOutObjectsNotAccessedWithinTheLastDay() {
		List<FeatureRow> withIdle = dataset(300, 72, 7, 600);
		long covered = withIdle.stream().filter((row) -> Task.FORECAST.covers(row.features())).count();
		// The idle objects' rows (and the structured objects' quiet ones) are left out.
		assertThat(covered).isLessThan(rows.size());
		List<String> lines = new ArrayList<>();
		TaskTraining.Result trained = new TaskTraining(42, 0.25).train(Task.FORECAST, withIdle, HOUR.toMillis(), data(),
				lines::add);
		TaskTraining.Result alone = new TaskTraining(42, 0.25).train(Task.FORECAST, rows, HOUR.toMillis(), data(),
				(line) -> {
				});
		assertThat(lines.get(0)).isEqualTo(covered + " of " + withIdle.size()
				+ " rows are of objects accessed within the last 24 hours, the ones the forecast model is asked "
				+ "about; the rest are left out");
		assertThat(trained.metrics().data().rows()).isEqualTo(covered);
		// 600 idle objects change nothing: the same rows, the same model.
		assertThat(alone.metrics().data().rows()).isEqualTo(covered);
		assertThat(kept(trained.metrics()).rocAuc()).isEqualTo(kept(alone.metrics()).rocAuc());
		// The tier model is asked about every object, idle ones included.
		assertThat(withIdle.stream().allMatch((row) -> Task.TIERS.covers(row.features()))).isTrue();
	}

	@Test
	void theTierClassifierBeatsTheHeatBandsOnMacroF1() {
		TaskTraining.Result result = new TaskTraining(42, 0.25).train(Task.TIERS, rows, HOUR.toMillis(), data(),
				System.out::println);
		TrainingMetrics metrics = result.metrics();
		System.out.println(metrics.why());
		ClassificationReport kept = kept(metrics);
		assertThat(kept.macroF1()).isGreaterThan(metrics.baseline().metrics().macroF1());
	}

}
