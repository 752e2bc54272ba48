package io.dim.ml.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import io.dim.ml.dataset.FeatureRow;
import io.dim.ml.dataset.ParquetDataset;
import io.dim.ml.train.ForecastQualityTests;
import io.dim.ml.train.TrainCommand;

/**
 * Training time on about 100,000 rows (issue 6; a measurement, not a test): a structured
 * workload over OBJECTS objects and 72 hours (default 1,410 objects: 100,110 rows), the
 * snapshot written as Parquet, then {@code train-tiers} and {@code train-forecast} run as
 * the commands run. The reference measured in the same run is building the dataset from
 * the history (generating the events, bucketing them and computing every row's features).
 */
public final class TrainBenchmark {

	private TrainBenchmark() {
	}

	public static void main(String[] args) throws Exception {
		int objects = (args.length > 0) ? Integer.parseInt(args[0]) : 1410;
		Path dir = Files.createTempDirectory("dim-bench-train");
		long started = System.nanoTime();
		List<FeatureRow> rows = ForecastQualityTests.dataset(objects, 72, 11);
		double building = (System.nanoTime() - started) / 1e9;
		Path data = dir.resolve("snapshot.parquet");
		ParquetDataset.write(data, rows, Map.of(ParquetDataset.HORIZON_MS, "3600000"));
		System.out.printf(Locale.ROOT, "bench: %,d rows (%,d objects x %d cutoffs) built in %.1f s (the reference)%n",
				rows.size(), objects, rows.size() / objects, building);
		double total = 0;
		for (String command : List.of("train-tiers", "train-forecast")) {
			String task = command.substring("train-".length());
			long start = System.nanoTime();
			int code = TrainCommand.run(
					new String[] { command, "--data", data.toString(), "--out", dir.resolve(task + ".model").toString(),
							"--metrics", dir.resolve(task + "-metrics.json").toString() },
					System.out, System.err);
			double seconds = (System.nanoTime() - start) / 1e9;
			if (code != 0) {
				throw new IllegalStateException(command + " exited " + code);
			}
			total += seconds;
			System.out.printf(Locale.ROOT,
					"bench: %s took %.1f s in all (reading, both candidates, writing): %.2f x the"
							+ " reference; target under 60 s%n",
					command, seconds, seconds / building);
		}
		System.out.printf(Locale.ROOT, "bench: both trainings %.1f s, %.2f x the reference%n", total, total / building);
	}

}
