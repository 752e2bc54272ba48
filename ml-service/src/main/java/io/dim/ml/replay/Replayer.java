package io.dim.ml.replay;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Consumer;

/**
 * Replays a trace under each asked policy and compares them. The first
 * {@link ReplaySettings#trainShare()} of the trace's time trains dim's forecaster and
 * warms every policy up; costs and SLA misses count on the rest. Policies run side by
 * side, one per core.
 */
public final class Replayer {

	/** Every policy, in the order reports list them. */
	public static final List<String> POLICIES = List.of("dim", "all-fastest", "all-cheapest", "intelligent-tiering",
			"heat-bands", "replicate-all");

	private final ReplaySettings settings;

	public Replayer(ReplaySettings settings) {
		this.settings = settings;
	}

	/**
	 * @param policies names from {@link #POLICIES}
	 * @param progress one line per step (training, every 10% of each policy)
	 * @throws IllegalArgumentException for an unknown policy or a trace that ends before
	 * the evaluated period starts
	 */
	public ReplayReport replay(Trace trace, List<String> policies, Consumer<String> progress) {
		check(policies);
		long started = System.nanoTime();
		long countFrom = evaluatedFrom(trace);
		Forecaster forecaster = null;
		String forecast = null;
		if (policies.contains("dim")) {
			try {
				forecaster = Forecaster.train(trace, this.settings, countFrom,
						(line) -> progress.accept("dim: " + line));
				forecast = forecaster.metrics().version() + " (" + forecaster.metrics().why() + ")";
			}
			catch (IllegalArgumentException ex) {
				// A short or quiet history: dim places by heat bands alone, and says so.
				forecast = "none: " + ex.getMessage();
				progress.accept("dim: no forecaster (" + ex.getMessage() + "); dim places by heat bands alone");
			}
		}
		List<Future<PolicyResult>> runs = new ArrayList<>();
		ExecutorService pool = Executors
			.newFixedThreadPool(Math.max(1, Math.min(policies.size(), Runtime.getRuntime().availableProcessors())));
		try {
			OptimizerPolicy dim = null;
			Replay dimReplay = null;
			for (String name : policies) {
				ReplayPolicy policy = policy(name, forecaster);
				Replay replay = new Replay(trace, this.settings, policy, countFrom);
				if (name.equals("dim")) {
					dim = (OptimizerPolicy) policy;
					dimReplay = replay;
				}
				runs.add(pool.submit(() -> replay.run((done) -> progress
					.accept(String.format(Locale.ROOT, "%s: %.0f%% of %d events", name, 100 * done, trace.events())))));
			}
			List<PolicyResult> results = new ArrayList<>();
			for (Future<PolicyResult> run : runs) {
				results.add(run.get());
			}
			ForecastCheck check = (dim != null) ? dim.forecastCheck(dimReplay) : null;
			if (check != null) {
				progress.accept(describe(check));
			}
			return ReplayReport.of(trace, this.settings, Instant.ofEpochMilli(countFrom), forecast, check, results,
					(System.nanoTime() - started) / 1e9);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException("replay interrupted", ex);
		}
		catch (ExecutionException ex) {
			throw (ex.getCause() instanceof RuntimeException runtime) ? runtime
					: new IllegalStateException(ex.getCause());
		}
		finally {
			pool.shutdownNow();
		}
	}

	/**
	 * When the compared period starts: after the trace's first
	 * {@link ReplaySettings#trainShare()}, rounded up to a whole hour.
	 * @throws TraceTooShortException when the trace ends before it
	 */
	public long evaluatedFrom(Trace trace) {
		long hour = Duration.ofHours(1).toMillis();
		long span = trace.end() - trace.start();
		long countFrom = (trace.start() + (long) (span * this.settings.trainShare()) + hour - 1) / hour * hour;
		if (countFrom > trace.end()) {
			// Otherwise every policy would report no reads and no cost, as if a result.
			throw new TraceTooShortException(String.format(Locale.ROOT,
					"too short to compare the policies: the trace runs from %s to %s, and costs count only "
							+ "after its first %.0f%% (training and warm-up) rounded up to a whole hour, from %s; "
							+ "give a trace or history that goes on past %s",
					Instant.ofEpochMilli(trace.start()), Instant.ofEpochMilli(trace.end()),
					100 * this.settings.trainShare(), Instant.ofEpochMilli(countFrom),
					Instant.ofEpochMilli(countFrom)));
		}
		return countFrom;
	}

	private static String describe(ForecastCheck check) {
		return String.format(Locale.ROOT,
				"dim: its forecasts on the evaluated period: %,d, %,d followed by %s; ROC AUC %s (the heat alone %s); "
						+ "at the pre-warm threshold %.2f precision %.3f, recall %.3f",
				check.forecasts(), check.cameTrue(), check.forecastOf(), auc(check.rocAuc()),
				auc(check.heatBandsRocAuc()), check.threshold(), check.precision(), check.recall());
	}

	private static String auc(Double value) {
		return (value == null) ? "n/a" : String.format(Locale.ROOT, "%.3f", value);
	}

	/**
	 * The policies of {@code "all"} or of names separated by commas.
	 * @throws IllegalArgumentException naming an unknown policy
	 */
	public static List<String> policies(String spec) {
		List<String> names = spec.equals("all") ? POLICIES
				: java.util.Arrays.stream(spec.split(",")).map(String::trim).toList();
		check(names);
		return names;
	}

	private static void check(List<String> names) {
		for (String name : names) {
			if (!POLICIES.contains(name)) {
				throw new IllegalArgumentException(
						"unknown policy '" + name + "' (all, or one or more of " + String.join(", ", POLICIES) + ")");
			}
		}
	}

	private static ReplayPolicy policy(String name, Forecaster forecaster) {
		return switch (name) {
			case "dim" -> OptimizerPolicy.dim(forecaster);
			case "all-fastest" -> FixedPolicy.allFastest();
			case "all-cheapest" -> FixedPolicy.allCheapest();
			case "intelligent-tiering" -> new IntelligentTiering();
			case "heat-bands" -> OptimizerPolicy.heatBands();
			case "replicate-all" -> FixedPolicy.replicateAll();
			default -> throw new IllegalArgumentException("policy: unknown '" + name + "'");
		};
	}

}
