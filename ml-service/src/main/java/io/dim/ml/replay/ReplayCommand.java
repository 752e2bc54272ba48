package io.dim.ml.replay;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

import io.dim.ml.cli.Options;
import io.dim.model.endpoint.EndpointCatalog;
import tools.jackson.databind.SerializationFeature;
import tools.jackson.databind.json.JsonMapper;

/**
 * {@code replay --trace FILE [--policy all|dim,heat-bands,...]}: replays an access trace
 * under the policies and prints their costs, SLA shares and moves side by side. The
 * endpoints, replication factor and SLA come from S3_ENDPOINTS, REPLICATION_FACTOR and
 * SLA_LATENCY_MS (the local endpoints, 2 and 100 when unset); options override the last
 * two.
 */
public final class ReplayCommand {

	public static final String NAME = "replay";

	private static final List<String> OPTIONS = List.of("trace", "policy", "train-share", "sla-ms",
			"replication-factor", "move-delay", "copy-on-read-wait", "seed", "json");

	private static final String USAGE = "usage: replay --trace FILE [--policy all|"
			+ String.join("|", Replayer.POLICIES)
			+ "[,...]] [--train-share 0.25] [--sla-ms 100] [--replication-factor 2] [--move-delay 2m] "
			+ "[--copy-on-read-wait 5m] [--seed 42] [--json REPORT.json]";

	private ReplayCommand() {
	}

	/** Runs the command; returns the exit code. */
	public static int run(String[] args, PrintStream out, PrintStream err) {
		Path tracePath;
		List<String> policies;
		ReplaySettings settings;
		Path json;
		try {
			Options options = Options.parse(args, OPTIONS, USAGE);
			if (!options.springArgs().isEmpty()) {
				throw new IllegalArgumentException(
						"unexpected argument '" + options.springArgs().get(0) + "'; " + USAGE);
			}
			if (!options.has("trace")) {
				throw new IllegalArgumentException("--trace is required; " + USAGE);
			}
			tracePath = Path.of(options.text("trace", ""));
			try {
				policies = Replayer.policies(options.text("policy", "all"));
			}
			catch (IllegalArgumentException ex) {
				throw new IllegalArgumentException("--policy: " + ex.getMessage(), ex);
			}
			int replicas = (int) options.number("replication-factor", environmentNumber("REPLICATION_FACTOR", 2), 1,
					30);
			double sla = options.number("sla-ms", environmentNumber("SLA_LATENCY_MS", 100), 0.001, 1e7);
			EndpointCatalog catalog = EndpointCatalog.fromSetting(System.getenv("S3_ENDPOINTS"), replicas);
			settings = ReplaySettings.defaults(catalog.all(), replicas, sla)
				.with(options.duration("move-delay", "2m"), options.number("train-share", 0.25, 0.05, 0.9),
						options.whole("seed", 42))
				.withCopyOnReadWait(options.durationOrZero("copy-on-read-wait", "5m"));
			json = options.has("json") ? Path.of(options.text("json", "")) : null;
		}
		catch (RuntimeException ex) {
			err.println(NAME + ": " + ex.getMessage());
			return 2;
		}
		if (!Files.isRegularFile(tracePath)) {
			err.println(NAME + ": no trace at " + tracePath);
			return 1;
		}
		try {
			out.println(NAME + ": reading " + tracePath);
			Trace trace = TraceReader.read(tracePath,
					(lines) -> out.printf(Locale.ROOT, "%s: read %,d lines%n", NAME, lines));
			out.printf(Locale.ROOT, "%s: %,d events on %,d objects; policies %s%n", NAME, trace.events(),
					trace.objectCount(), String.join(", ", policies));
			ReplayReport report = new Replayer(settings).replay(trace, policies,
					(line) -> out.println(NAME + ": " + line));
			out.printf(Locale.ROOT,
					"%s: costs from %s to %s (before: training and warm-up); SLA %s ms on %d replicas%n", NAME,
					report.evaluatedFrom(), report.to(), settings.slaLatencyMs(), settings.replicationFactor());
			out.print(report.table());
			out.printf(Locale.ROOT,
					"%s: outside = reads slower than their tier allows (hot: the SLA); slower = reads slower than the "
							+ "SLA whatever the tier; dim/this = dim's total over that policy's%n",
					NAME);
			out.printf(Locale.ROOT, "%s: cheapest policy with under 1%% of reads outside the SLA: %s (%.1f s)%n", NAME,
					(report.cheapestWithinSla() != null) ? report.cheapestWithinSla() : "none", report.seconds());
			if (json != null) {
				JsonMapper.builder()
					.enable(SerializationFeature.INDENT_OUTPUT)
					.build()
					.writeValue(json.toFile(), report);
				out.println(NAME + ": report written to " + json);
			}
			return 0;
		}
		catch (IllegalArgumentException ex) {
			err.println(NAME + ": " + ex.getMessage());
			return 1;
		}
		catch (IOException | RuntimeException ex) {
			err.println(NAME + ": failed: " + ex.getMessage());
			return 1;
		}
	}

	private static double environmentNumber(String variable, double fallback) {
		String value = System.getenv(variable);
		if (value == null || value.isBlank()) {
			return fallback;
		}
		try {
			return Double.parseDouble(value.trim());
		}
		catch (NumberFormatException ex) {
			throw new IllegalArgumentException(variable + " must be a number (got '" + value + "')");
		}
	}

}
