package io.dim.ml.train;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import tools.jackson.databind.SerializationFeature;
import tools.jackson.databind.json.JsonMapper;

import io.dim.ml.cli.Options;
import io.dim.ml.dataset.FeatureRow;
import io.dim.ml.dataset.ParquetDataset;

/**
 * {@code train-tiers} and {@code train-forecast}
 * ({@code --data data/snapshot.parquet --out models/tiers.model --metrics models/tiers-metrics.json}):
 * trains the task's candidates on a snapshot, keeps the better, and writes the model
 * (Tribuo's protobuf serialization, provenance included) and the metrics JSON. Both files
 * are replaced atomically, so a serving ml-service never reads half a file.
 */
public final class TrainCommand {

	public static final List<String> NAMES = List.of("train-tiers", "train-forecast");

	private static final List<String> OPTIONS = List.of("data", "out", "metrics", "seed", "test-share");

	private TrainCommand() {
	}

	static String usage(String command) {
		return "usage: " + command + " [--data FILE] [--out MODEL] [--metrics JSON] [--seed N] [--test-share 0.25]";
	}

	/** Runs the command; returns the exit code. */
	public static int run(String[] args, PrintStream out, PrintStream err) {
		String command = args[0];
		Task task = command.equals("train-tiers") ? Task.TIERS : Task.FORECAST;
		Path data;
		Path model;
		Path metricsFile;
		TaskTraining training;
		try {
			Options options = Options.parse(args, OPTIONS, usage(command));
			if (!options.springArgs().isEmpty()) {
				throw new IllegalArgumentException(
						"unexpected argument '" + options.springArgs().get(0) + "'; " + usage(command));
			}
			data = Path.of(options.text("data", "data/snapshot.parquet"));
			model = Path.of(options.text("out", "models/" + task.fileName() + ".model"));
			metricsFile = Path.of(options.text("metrics", "models/" + task.fileName() + "-metrics.json"));
			training = new TaskTraining(options.whole("seed", 42), options.number("test-share", 0.25, 0.05, 0.5));
		}
		catch (IllegalArgumentException ex) {
			err.println(command + ": " + ex.getMessage());
			return 2;
		}
		// Without Spring, logback logs at DEBUG; Parquet's reader chatters at INFO.
		((ch.qos.logback.classic.Logger) org.slf4j.LoggerFactory.getLogger("org.apache.parquet"))
			.setLevel(ch.qos.logback.classic.Level.WARN);
		if (!Files.isRegularFile(data)) {
			err.println(command + ": no dataset at " + data + ": run prepare-dataset first");
			return 1;
		}
		try {
			List<FeatureRow> rows = ParquetDataset.read(data);
			Map<String, String> about = ParquetDataset.about(data);
			long horizon = Long.parseLong(about.getOrDefault(ParquetDataset.HORIZON_MS, "0"));
			out.printf(Locale.ROOT, "%s: read %d rows from %s%n", command, rows.size(), data);
			TaskTraining.Result result = training.train(task, rows, horizon,
					new TrainingMetrics.Data(data.toString(), rows.size(), 0, 0, 0, null, about),
					(line) -> out.println(command + ": " + line));
			writeAtomically(model, (file) -> result.model().serializeToFile(file));
			JsonMapper json = JsonMapper.builder().enable(SerializationFeature.INDENT_OUTPUT).build();
			writeAtomically(metricsFile, (file) -> json.writeValue(file.toFile(), result.metrics()));
			out.printf(Locale.ROOT, "%s: kept %s (%s)%n", command, result.metrics().chosen(), result.metrics().why());
			out.printf(Locale.ROOT, "%s: model %s written to %s, metrics to %s%n", command, result.metrics().version(),
					model, metricsFile);
			return 0;
		}
		catch (IllegalArgumentException ex) {
			err.println(command + ": " + ex.getMessage());
			return 1;
		}
		catch (IOException | RuntimeException ex) {
			err.println(command + ": failed: " + ex.getMessage());
			return 1;
		}
	}

	private interface Writer {

		void write(Path file) throws IOException;

	}

	private static void writeAtomically(Path target, Writer writer) throws IOException {
		Path absolute = target.toAbsolutePath();
		Files.createDirectories(absolute.getParent());
		Path temporary = Files.createTempFile(absolute.getParent(), "." + absolute.getFileName(), ".tmp");
		try {
			writer.write(temporary);
			Files.move(temporary, absolute, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
		}
		finally {
			Files.deleteIfExists(temporary);
		}
	}

}
