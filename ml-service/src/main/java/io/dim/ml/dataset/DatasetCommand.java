package io.dim.ml.dataset;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.NavigableMap;
import java.util.TreeMap;

import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowCallbackHandler;

import io.dim.ml.MlApplication;
import io.dim.ml.cli.Options;
import io.dim.model.heat.HeatBands;

/**
 * {@code prepare-dataset --out data/snapshot.parquet --label-mode fixed|future --horizon 1h
 * --hot-soon total|peak}: reads the access history and file_meta from the database
 * (DB_URL) and writes one feature row per (object, cutoff) as Parquet. Prints the row
 * count and class balance; bad options and an empty history give one line and a non-zero
 * exit.
 */
public final class DatasetCommand {

	static final String USAGE = "usage: prepare-dataset [--out FILE] [--label-mode fixed|future] [--horizon DURATION] "
			+ "[--bucket-width DURATION] [--half-life DURATION] [--hot-soon total|peak] [--hot-soon-reads N]";

	private DatasetCommand() {
	}

	/**
	 * Runs the command; returns the exit code. Spring arguments (--x.y=z) pass through.
	 */
	public static int run(String[] args) {
		Settings settings;
		List<String> springArgs;
		try {
			Options options = Options.parse(args, Settings.NAMES, USAGE);
			settings = Settings.of(options);
			springArgs = new ArrayList<>(options.springArgs());
		}
		catch (IllegalArgumentException ex) {
			System.err.println("prepare-dataset: " + ex.getMessage());
			return 2;
		}
		springArgs.add("--spring.main.banner-mode=off");
		springArgs.add("--logging.level.root=WARN");
		try (ConfigurableApplicationContext context = new SpringApplicationBuilder(MlApplication.class)
			.web(WebApplicationType.NONE)
			.run(springArgs.toArray(String[]::new))) {
			return prepare(context, settings);
		}
		catch (RuntimeException ex) {
			System.err.println("prepare-dataset: failed: " + ex.getMessage());
			return 1;
		}
	}

	private static int prepare(ConfigurableApplicationContext context, Settings settings) {
		JdbcTemplate jdbc = context.getBean(JdbcTemplate.class);
		HeatBands bands = context.getBean(HeatBands.class);
		Map<String, DatasetBuilder.ObjectInfo> objects = new HashMap<>();
		jdbc.query("SELECT object_key, size_bytes, created_at FROM file_meta", (RowCallbackHandler) (row) -> objects
			.put(row.getString(1), new DatasetBuilder.ObjectInfo(row.getLong(2), row.getLong(3))));
		Map<String, NavigableMap<Long, long[]>> history = new HashMap<>();
		jdbc.query("SELECT object_key, bucket_start, reads, writes FROM access_bucket",
				(RowCallbackHandler) (row) -> history.computeIfAbsent(row.getString(1), (k) -> new TreeMap<>())
					.put(row.getLong(2), new long[] { row.getLong(3), row.getLong(4) }));
		if (history.isEmpty()) {
			System.err.println("prepare-dataset: no access history: run the simulator first");
			return 1;
		}
		// A simulated history may start before the catalogue was bootstrapped: an object
		// exists from its first access if that is earlier than its recorded creation.
		history.forEach((key, buckets) -> objects.computeIfPresent(key,
				(k, info) -> new DatasetBuilder.ObjectInfo(info.sizeBytes(),
						Math.min(info.createdAt(), buckets.firstKey()))));
		// total: the horizon's reads reach the hot rate; peak: one bucket within it does.
		double hotSoon = (settings.hotSoonReads() != null) ? settings.hotSoonReads() : DatasetBuilder
			.hotReadsOver(bands, settings.halfLife(), settings.peak() ? settings.bucketWidth() : settings.horizon());
		DatasetBuilder builder = new DatasetBuilder(bands, settings.bucketWidth(), settings.halfLife(),
				settings.horizon(), settings.mode(), hotSoon);
		List<FeatureRow> rows = (settings.peak() ? builder.withPeakLabel() : builder).build(objects, history);
		if (rows.isEmpty()) {
			System.err.println("prepare-dataset: the history is shorter than the " + settings.horizon()
					+ " horizon: no cutoff has a whole horizon after it (use a shorter --horizon)");
			return 1;
		}
		try {
			ParquetDataset.write(settings.out(), rows,
					Map.of(ParquetDataset.HORIZON_MS, Long.toString(settings.horizon().toMillis()),
							ParquetDataset.LABEL_MODE, settings.mode().name().toLowerCase(Locale.ROOT),
							ParquetDataset.HOT_SOON_READS, Double.toString(hotSoon)));
		}
		catch (java.io.IOException ex) {
			System.err.println("prepare-dataset: cannot write " + settings.out() + ": " + ex.getMessage());
			return 1;
		}
		System.out.printf(Locale.ROOT, "prepare-dataset: %d rows (%d objects, %d cutoffs) written to %s%n", rows.size(),
				rows.stream().map(FeatureRow::key).distinct().count(),
				rows.stream().mapToLong(FeatureRow::cutoff).distinct().count(), settings.out());
		System.out.println("prepare-dataset: label_tier " + balance(rows.stream().map(FeatureRow::labelTier).toList())
				+ "; hot_soon " + balance(rows.stream().map((r) -> Boolean.toString(r.hotSoon())).toList())
				+ String.format(Locale.ROOT, " (threshold %.1f reads in %s)", hotSoon,
						settings.peak() ? "one " + settings.bucketWidth() + " bucket within " + settings.horizon()
								: settings.horizon()));
		return 0;
	}

	private static String balance(List<String> labels) {
		Map<String, Long> counts = new TreeMap<>();
		labels.forEach((label) -> counts.merge(label, 1L, Long::sum));
		StringBuilder text = new StringBuilder();
		counts.forEach((label, count) -> text.append(text.isEmpty() ? "" : ", ")
			.append(label)
			.append(' ')
			.append(count)
			.append(String.format(Locale.ROOT, " (%.1f%%)", 100.0 * count / labels.size())));
		return text.toString();
	}

	/** The command's options, validated. */
	record Settings(Path out, DatasetBuilder.LabelMode mode, Duration horizon, Duration bucketWidth, Duration halfLife,
			boolean peak, Double hotSoonReads) {

		static final List<String> NAMES = List.of("out", "label-mode", "horizon", "bucket-width", "half-life",
				"hot-soon", "hot-soon-reads");

		static Settings of(Options options) {
			String mode = options.text("label-mode", "future");
			if (!mode.equals("fixed") && !mode.equals("future")) {
				throw new IllegalArgumentException("--label-mode must be fixed or future (got '" + mode + "')");
			}
			String rule = options.text("hot-soon", "total");
			if (!rule.equals("total") && !rule.equals("peak")) {
				throw new IllegalArgumentException("--hot-soon must be total or peak (got '" + rule + "')");
			}
			Double hotSoon = options.has("hot-soon-reads")
					? options.number("hot-soon-reads", 0, Double.MIN_VALUE, Double.MAX_VALUE) : null;
			return new Settings(Path.of(options.text("out", "data/snapshot.parquet")),
					DatasetBuilder.LabelMode.valueOf(mode.toUpperCase(Locale.ROOT)), options.duration("horizon", "1h"),
					options.duration("bucket-width", "1h"), options.duration("half-life", "1h"), rule.equals("peak"),
					hotSoon);
		}

	}

}
