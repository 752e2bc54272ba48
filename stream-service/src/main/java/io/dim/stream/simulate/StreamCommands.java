package io.dim.stream.simulate;

import java.io.PrintStream;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.DescribeClusterOptions;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.kafka.core.KafkaAdmin;
import org.springframework.kafka.core.KafkaTemplate;

import io.dim.model.config.InvalidSettingException;
import io.dim.model.stream.AccessEvent;
import io.dim.model.workload.Behaviour;
import io.dim.model.workload.StructuredWorkload;
import io.dim.stream.StreamApplication;
import io.dim.stream.heat.DeadLetterReplayer;
import io.dim.stream.heat.Decayer;

/**
 * stream-service's commands: {@code simulate}, {@code produce}, {@code decay --once} and
 * {@code replay-dlq}. Each runs without the web server and without the consumer, prints
 * progress and a summary, and exits 0, or prints one error line and exits non-zero.
 */
public final class StreamCommands {

	public static final Set<String> NAMES = Set.of("simulate", "produce", "decay", "replay-dlq");

	/** How long a command waits for Kafka to answer before it says it does not. */
	static final Duration KAFKA_PROBE = Duration.ofSeconds(5);

	private StreamCommands() {
	}

	public static int run(String[] args, PrintStream out, PrintStream err) {
		String command = args[0];
		Runnable action;
		CommandArgs options;
		try {
			options = switch (command) {
				case "simulate" ->
					new CommandArgs(args, Set.of("events", "rate", "skew", "seed", "workload", "days"), Set.of());
				case "produce" -> new CommandArgs(args, Set.of("rate", "skew", "seed"), Set.of());
				case "decay" -> new CommandArgs(args, Set.of(), Set.of("once"));
				case "replay-dlq" -> new CommandArgs(args, Set.of(), Set.of());
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
		// The commands that send to or read from Kafka ask it first and declare the
		// topics
		// only once it has answered (requireKafka), so no broker costs one line after a
		// few
		// seconds, not 10 s of declaring topics and 10 s of a first send.
		boolean needsKafka = !command.equals("decay");
		ConfigurableApplicationContext context;
		try {
			context = new SpringApplicationBuilder(StreamApplication.class).web(WebApplicationType.NONE)
				// Without a broker, declaring the topics gives up after 10 s, not 30, and
				// its client closes within a second, not 10.
				.properties("spring.main.banner-mode=off", "spring.kafka.admin.operation-timeout=10s",
						"spring.kafka.admin.close-timeout=1s", "spring.kafka.admin.auto-create=" + !needsKafka,
						// A command does not wait two minutes for a schema api-service
						// has
						// not migrated yet (the service does: the services start in any
						// order).
						"dim.db.schema-wait=15s")
				// Kafka's clients log every failed connection (with stack traces): the
				// command's own error line names the cause instead.
				.run("--dim.stream.consumer-enabled=false", "--logging.level.root=WARN", "--logging.level.io.dim=WARN",
						"--logging.level.org.apache.kafka=OFF", "--logging.level.org.springframework.kafka=OFF",
						// A failed start is said in one line below, without Spring's
						// stack traces before it.
						"--logging.level.org.springframework.boot.SpringApplication=OFF",
						"--logging.level.org.springframework.context=ERROR");
		}
		catch (RuntimeException ex) {
			err.println(command + ": " + startupProblem(ex));
			return 2;
		}
		try (context) {
			if (needsKafka) {
				requireKafka(context);
			}
			switch (command) {
				case "simulate" -> simulate(context, options, out);
				case "produce" -> produce(context, options, out);
				case "replay-dlq" -> context.getBean(DeadLetterReplayer.class).replay(out);
				default -> decay(context, options, out);
			}
			return 0;
		}
		catch (IllegalArgumentException | IllegalStateException ex) {
			err.println(command + ": " + ex.getMessage());
			return 1;
		}
		catch (org.apache.kafka.common.KafkaException | org.springframework.kafka.KafkaException ex) {
			// replay-dlq's own producer and consumer: no broker, or it refused them.
			err.println(command + ": Kafka did not answer or refused: " + EventSender.rootMessage(ex));
			return 1;
		}
	}

	/**
	 * Reads every option once before anything starts, so a bad value costs no start-up.
	 */
	private static void checkOptions(String command, CommandArgs options) {
		switch (command) {
			case "simulate" -> {
				workload(options);
				options.whole("days", 2, 1, 365);
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
			case "replay-dlq" -> {
			}
			default -> {
				if (!options.flag("once")) {
					throw new IllegalArgumentException(
							"the decayer runs inside stream-service; use 'decay --once' for a single pass");
				}
			}
		}
	}

	private static String workload(CommandArgs options) {
		String workload = options.text("workload", "zipf");
		if (!workload.equals("zipf") && !workload.equals("structured")) {
			throw new IllegalArgumentException("--workload must be zipf or structured (got '" + workload + "')");
		}
		return workload;
	}

	private static void simulate(ConfigurableApplicationContext context, CommandArgs options, PrintStream out) {
		if (workload(options).equals("structured")) {
			simulateStructured(context, options, out);
			return;
		}
		long events = options.whole("events", 1000, 1, 100_000_000);
		double rate = options.number("rate", 5, 0, 1_000_000);
		double skew = options.number("skew", 0.7, 0, 5);
		long seed = options.whole("seed", 42, Long.MIN_VALUE, Long.MAX_VALUE);
		List<CatalogObject> catalog = catalog(context);
		out.printf(Locale.ROOT, "simulate: %d events over %d objects at %s, skew %.2f, seed %d%n", events,
				catalog.size(), (rate > 0) ? rate + "/s" : "full speed", skew, seed);
		EventSender.Summary summary = new EventSender(kafka(context), out)
			.send(new EventGenerator(catalog, skew, seed, "simulator"), events, rate, () -> false, "simulate");
		printSummary(summary, out);
	}

	/**
	 * The structured workload over the last {@code --days} days of simulated time (event
	 * timestamps in the past, ending now), sent as fast as possible unless a rate is
	 * given. Without {@code --events} it sends the workload's natural size.
	 */
	private static void simulateStructured(ConfigurableApplicationContext context, CommandArgs options,
			PrintStream out) {
		long days = options.whole("days", 2, 1, 365);
		double rate = options.number("rate", 0, 0, 1_000_000);
		long seed = options.whole("seed", 42, Long.MIN_VALUE, Long.MAX_VALUE);
		List<StructuredWorkload.Item> items = catalog(context).stream()
			.map((object) -> new StructuredWorkload.Item(object.key(), object.size()))
			.toList();
		Duration span = Duration.ofDays(days);
		StructuredWorkload workload = new StructuredWorkload(items, seed, Instant.now().minus(span), span);
		long events = options.whole("events", workload.expectedEvents(), 1, 100_000_000);
		Map<Behaviour, Long> behaviours = new TreeMap<>();
		workload.plans().forEach((plan) -> behaviours.merge(plan.behaviour(), 1L, Long::sum));
		out.printf(Locale.ROOT,
				"simulate: structured workload, %d events over %d objects from %s to %s (simulated time), %s, seed %d;"
						+ " behaviours %s%n",
				events, items.size(), workload.start(), workload.end(), (rate > 0) ? rate + "/s" : "full speed", seed,
				behaviours);
		Iterator<AccessEvent> stream = workload.events(events, "simulator");
		EventSender.Summary summary = new EventSender(kafka(context), out).send((now) -> stream.next(), events, rate,
				() -> !stream.hasNext(), "simulate");
		printSummary(summary, out);
	}

	private static void printSummary(EventSender.Summary summary, PrintStream out) {
		out.printf(Locale.ROOT, "simulate: sent %d events (reads %d, writes %d) to %d objects in %.1f s; hottest: %s%n",
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
	/**
	 * Asks the cluster to describe itself (within the admin's operation timeout, at most
	 * {@link #KAFKA_PROBE}), then declares the topics.
	 * @throws IllegalStateException naming the brokers asked when they do not answer
	 */
	private static void requireKafka(ConfigurableApplicationContext context) {
		KafkaAdmin topics = context.getBean(KafkaAdmin.class);
		Object bootstrap = topics.getConfigurationProperties().get(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG);
		String brokers = (bootstrap instanceof Collection<?> list)
				? String.join(",", list.stream().map(String::valueOf).toList()) : String.valueOf(bootstrap);
		int millis = (int) Math.min(KAFKA_PROBE.toMillis(),
				context.getEnvironment()
					.getProperty("spring.kafka.admin.operation-timeout", Duration.class, KAFKA_PROBE)
					.toMillis());
		Admin admin = Admin.create(topics.getConfigurationProperties());
		try {
			admin.describeCluster(new DescribeClusterOptions().timeoutMs(millis))
				.clusterId()
				.get(millis + 1000L, TimeUnit.MILLISECONDS);
		}
		catch (ExecutionException | TimeoutException ex) {
			throw new IllegalStateException("Kafka at " + brokers + " does not answer ("
					+ ((ex instanceof TimeoutException) ? "nothing within " + millis + " ms"
							: EventSender.rootMessage(ex))
					+ "); is it running? (scripts/dev-up starts one; KAFKA_BOOTSTRAP says where it is)");
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException("interrupted while asking Kafka at " + brokers);
		}
		finally {
			admin.close(Duration.ofSeconds(1));
		}
		if (!topics.initialize()) {
			throw new IllegalStateException("Kafka at " + brokers + " answered but did not declare the topics");
		}
	}

	private static KafkaTemplate<String, byte[]> kafka(ConfigurableApplicationContext context) {
		return context.getBean(KafkaTemplate.class);
	}

	private static String startupProblem(Throwable ex) {
		for (Throwable cause = ex; cause != null; cause = cause.getCause()) {
			if (cause instanceof InvalidSettingException invalid) {
				return invalid.getMessage();
			}
		}
		return "cannot start: " + EventSender.rootMessage(ex);
	}

}
