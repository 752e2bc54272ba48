package io.dim.stream.simulate;

import java.io.PrintStream;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicBoolean;

import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.kafka.core.KafkaTemplate;

import io.dim.model.config.InvalidSettingException;
import io.dim.stream.StreamApplication;
import io.dim.stream.heat.Decayer;

/**
 * stream-service's commands: {@code simulate}, {@code produce} and {@code decay --once}.
 * Each runs without the web server and without the consumer, prints progress and a
 * summary, and exits 0, or prints one error line and exits non-zero.
 */
public final class StreamCommands {

	public static final Set<String> NAMES = Set.of("simulate", "produce", "decay");

	private StreamCommands() {
	}

	public static int run(String[] args, PrintStream out, PrintStream err) {
		String command = args[0];
		Runnable action;
		CommandArgs options;
		try {
			options = switch (command) {
				case "simulate" -> new CommandArgs(args, Set.of("events", "rate", "skew", "seed"), Set.of());
				case "produce" -> new CommandArgs(args, Set.of("rate", "skew", "seed"), Set.of());
				case "decay" -> new CommandArgs(args, Set.of(), Set.of("once"));
				default -> throw new IllegalArgumentException("unknown command " + command);
			};
		}
		catch (IllegalArgumentException ex) {
			err.println(command + ": " + ex.getMessage());
			return 2;
		}
		try {
			checkOptions(command, options);
		}
		catch (IllegalArgumentException ex) {
			err.println(command + ": " + ex.getMessage());
			return 2;
		}
		ConfigurableApplicationContext context;
		try {
			context = new SpringApplicationBuilder(StreamApplication.class).web(WebApplicationType.NONE)
				.properties("spring.main.banner-mode=off")
				.run("--dim.stream.consumer-enabled=false", "--logging.level.root=WARN", "--logging.level.io.dim=WARN");
		}
		catch (RuntimeException ex) {
			err.println(command + ": " + startupProblem(ex));
			return 2;
		}
		try (context) {
			switch (command) {
				case "simulate" -> simulate(context, options, out);
				case "produce" -> produce(context, options, out);
				default -> decay(context, options, out);
			}
			return 0;
		}
		catch (IllegalArgumentException | IllegalStateException ex) {
			err.println(command + ": " + ex.getMessage());
			return 1;
		}
	}

	/**
	 * Reads every option once before anything starts, so a bad value costs no start-up.
	 */
	private static void checkOptions(String command, CommandArgs options) {
		switch (command) {
			case "simulate" -> {
				options.whole("events", 1000, 1, 100_000_000);
				options.number("rate", 5, 0, 1_000_000);
				options.number("skew", 0.7, 0, 5);
				options.whole("seed", 42, Long.MIN_VALUE, Long.MAX_VALUE);
			}
			case "produce" -> {
				options.number("rate", 50, 0.001, 1_000_000);
				options.number("skew", 0.7, 0, 5);
				options.whole("seed", 0, Long.MIN_VALUE, Long.MAX_VALUE);
			}
			default -> {
				if (!options.flag("once")) {
					throw new IllegalArgumentException(
							"the decayer runs inside stream-service; use 'decay --once' for a single pass");
				}
			}
		}
	}

	private static void simulate(ConfigurableApplicationContext context, CommandArgs options, PrintStream out) {
		long events = options.whole("events", 1000, 1, 100_000_000);
		double rate = options.number("rate", 5, 0, 1_000_000);
		double skew = options.number("skew", 0.7, 0, 5);
		long seed = options.whole("seed", 42, Long.MIN_VALUE, Long.MAX_VALUE);
		List<CatalogObject> catalog = catalog(context);
		out.printf(Locale.ROOT, "simulate: %d events over %d objects at %s, skew %.2f, seed %d%n", events,
				catalog.size(), (rate > 0) ? rate + "/s" : "full speed", skew, seed);
		EventSender.Summary summary = new EventSender(kafka(context), out)
			.send(new EventGenerator(catalog, skew, seed, "simulator"), events, rate, () -> false, "simulate");
		out.printf(Locale.ROOT, "simulate: sent %d events (%d reads, %d writes) to %d objects in %.1f s; hottest: %s%n",
				summary.events(), summary.reads(), summary.writes(), summary.perKey().size(), summary.seconds(),
				summary.hottest(5));
	}

	private static void produce(ConfigurableApplicationContext context, CommandArgs options, PrintStream out) {
		double rate = options.number("rate", 50, 0.001, 1_000_000);
		double skew = options.number("skew", 0.7, 0, 5);
		long seed = options.whole("seed", ThreadLocalRandom.current().nextLong(), Long.MIN_VALUE, Long.MAX_VALUE);
		List<CatalogObject> catalog = catalog(context);
		AtomicBoolean stop = new AtomicBoolean();
		Thread main = Thread.currentThread();
		Thread hook = new Thread(() -> {
			stop.set(true);
			try {
				main.join(10_000);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
			}
		});
		Runtime.getRuntime().addShutdownHook(hook);
		out.printf(Locale.ROOT, "produce: %.1f events/s over %d objects until stopped (Ctrl-C)%n", rate,
				catalog.size());
		EventSender.Summary summary = new EventSender(kafka(context), out)
			.send(new EventGenerator(catalog, skew, seed, "producer"), -1, rate, stop::get, "produce");
		out.printf(Locale.ROOT, "produce: stopped after %d events in %.1f s%n", summary.events(), summary.seconds());
	}

	private static void decay(ConfigurableApplicationContext context, CommandArgs options, PrintStream out) {
		if (!options.flag("once")) {
			throw new IllegalArgumentException(
					"the decayer runs inside stream-service; use 'decay --once' for a single pass");
		}
		Decayer.Result result = context.getBean(Decayer.class).decayOnce();
		out.printf(Locale.ROOT, "decay: cooled %d objects, %d tier changes%s%n", result.objects(),
				result.changes().size(), result.rebased() ? ", landmark moved" : "");
	}

	private static List<CatalogObject> catalog(ConfigurableApplicationContext context) {
		List<CatalogObject> catalog = context.getBean(JdbcTemplate.class)
			.query("SELECT object_key, size_bytes FROM file_meta ORDER BY object_key",
					(row, i) -> new CatalogObject(row.getString(1), row.getLong(2)));
		if (catalog.isEmpty()) {
			throw new IllegalStateException(
					"no objects in file_meta: run the bootstrap first (scripts/dev-up or POST /admin/bootstrap)");
		}
		return catalog;
	}

	@SuppressWarnings("unchecked")
	private static KafkaTemplate<String, byte[]> kafka(ConfigurableApplicationContext context) {
		return context.getBean(KafkaTemplate.class);
	}

	private static String startupProblem(Throwable ex) {
		for (Throwable cause = ex; cause != null; cause = cause.getCause()) {
			if (cause instanceof InvalidSettingException invalid) {
				return invalid.getMessage();
			}
		}
		Throwable root = ex;
		while (root.getCause() != null) {
			root = root.getCause();
		}
		return "cannot start: " + root.getMessage();
	}

}
