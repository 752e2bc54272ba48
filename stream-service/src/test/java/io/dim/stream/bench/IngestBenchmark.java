package io.dim.stream.bench;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;

import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

import io.dim.localstack.CpuTimes;
import io.dim.localstack.LocalStack;
import io.dim.model.stream.AccessEvent;
import io.dim.model.stream.AccessEventCodec;
import io.dim.model.stream.Topics;
import io.dim.model.testing.TestDatabases;
import io.dim.stream.StreamApplication;
import io.dim.stream.StreamTestSupport;
import io.dim.stream.simulate.CatalogObject;
import io.dim.stream.simulate.EventGenerator;
import io.dim.localstack.TempDirs;

/**
 * Ingest benchmark (scripts/bench/ingest; not a test). Produces N events (Zipf 0.7 over a
 * catalogue) to a real local broker, then measures in the same run: (1) end to end,
 * stream-service's consumer from its start until the database's stored offsets account
 * for every event; (2) a bare Kafka consumer reading the same topic with the same
 * deserializers and poll size, once before and once after (1), and takes the mean. Prints
 * both rates and their ratio.
 */
public final class IngestBenchmark {

	private IngestBenchmark() {
	}

	public static void main(String[] args) throws Exception {
		int events = (args.length > 0) ? Integer.parseInt(args[0]) : 1_000_000;
		int objects = (args.length > 1) ? Integer.parseInt(args[1]) : 10_000;
		Path dir = TempDirs.deletedOnExit("dim-bench-ingest");
		String url = TestDatabases.sqliteUrl(dir);
		TestDatabases.migrate(url);
		List<String> keys = StreamTestSupport.registerObjects(url, objects);
		try (LocalStack stack = LocalStack.startOnFreePorts(dir.resolve("stack"), List.of())) {
			StreamTestSupport.createTopic(stack.kafkaBootstrap(), Topics.ACCESS, 6);
			System.out.printf(Locale.ROOT, "ingest: producing %,d events over %,d objects...%n", events, objects);
			long produceStart = System.nanoTime();
			produce(stack.kafkaBootstrap(), keys, events);
			double produceSeconds = (System.nanoTime() - produceStart) / 1e9;
			System.out.printf(Locale.ROOT, "ingest: produced in %.1f s (%,.0f events/s)%n", produceSeconds,
					events / produceSeconds);

			String[] extra = (args.length > 2) ? java.util.Arrays.copyOfRange(args, 2, args.length) : new String[0];
			// The reference runs before and after, so neither side gains from warming up
			// first.
			Measured before = bareConsumer(stack.kafkaBootstrap(), events);
			Measured measured = endToEnd(url, stack.kafkaBootstrap(), events, extra);
			Measured after = bareConsumer(stack.kafkaBootstrap(), events);
			double bareBefore = before.rate();
			double endToEnd = measured.rate();
			double bareAfter = after.rate();
			double bare = (bareBefore + bareAfter) / 2;
			System.out.printf(Locale.ROOT, "ingest: bare consumer before: %,.0f events/s, after: %,.0f events/s%n",
					bareBefore, bareAfter);
			// The broker runs in this JVM: its share is in every figure, as it is in the
			// rates.
			System.out.printf(Locale.ROOT,
					"ingest: CPU of this JVM (broker included) per event: bare consumer before %.2f us, "
							+ "end to end %.2f us, bare consumer after %.2f us (JIT compiling %.2f, %.2f and %.2f s)%n",
					before.microsPerEvent(events), measured.microsPerEvent(events), after.microsPerEvent(events),
					before.cpu().compiling(), measured.cpu().compiling(), after.cpu().compiling());
			System.out.printf(Locale.ROOT, "ingest: end to end (Kafka -> stream-service -> SQLite): %,.0f events/s%n",
					endToEnd);
			System.out.printf(Locale.ROOT, "ingest: bare Kafka consumer, same topic (mean):     %,.0f events/s%n",
					bare);
			System.out.printf(Locale.ROOT,
					"ingest: ratio end-to-end / bare = %.2f (targets: >= 100,000 events/s, ratio >= 0.5)%n",
					endToEnd / bare);
		}
	}

	/** A rate and the CPU this JVM spent while it was measured. */
	private record Measured(double rate, CpuTimes cpu) {

		double microsPerEvent(int events) {
			return this.cpu.self() * 1e6 / events;
		}

	}

	private static void produce(String bootstrap, List<String> keys, int events) {
		List<CatalogObject> catalog = new ArrayList<>();
		keys.forEach((key) -> catalog.add(new CatalogObject(key, 1000)));
		EventGenerator generator = new EventGenerator(catalog, 0.7, 42, "bench");
		try (KafkaProducer<String, byte[]> producer = StreamTestSupport.producer(bootstrap)) {
			Instant start = Instant.now();
			for (int i = 0; i < events; i++) {
				AccessEvent event = generator.next(start.plusMillis(i / 100));
				producer.send(new ProducerRecord<>(Topics.ACCESS, event.key(), AccessEventCodec.toJson(event)));
			}
		}
	}

	/**
	 * @param extra further stream-service arguments, e.g.
	 * --spring.kafka.consumer.max-poll-records=20000
	 */
	private static Measured endToEnd(String url, String bootstrap, int events, String[] extra) throws Exception {
		long start = System.nanoTime();
		List<String> arguments = new ArrayList<>(List.of("--server.port=0", "--spring.datasource.url=" + url,
				"--dim.kafka-bootstrap=" + bootstrap, "--logging.level.root=WARN", "--dim.stream.decay-interval=1h",
				"--dim.api-key=ingest-bench-admin-key-01"));
		arguments.addAll(List.of(extra));
		try (ConfigurableApplicationContext context = new SpringApplicationBuilder(StreamApplication.class)
			.run(arguments.toArray(String[]::new))) {
			long started = System.nanoTime();
			CpuTimes cpu = CpuTimes.now();
			System.out.printf(Locale.ROOT, "ingest: stream-service started in %.1f s; consuming...%n",
					(started - start) / 1e9);
			long counted = 0;
			long nextReport = started + Duration.ofSeconds(2).toNanos();
			while (counted < events) {
				Thread.sleep(50);
				counted = StreamTestSupport.scalar(url,
						"SELECT COALESCE(SUM(next_offset), 0) FROM consumer_offset WHERE topic = '" + Topics.ACCESS
								+ "'");
				if (System.nanoTime() > nextReport) {
					System.out.printf(Locale.ROOT, "ingest:   %,d / %,d in the database%n", counted, events);
					nextReport += Duration.ofSeconds(2).toNanos();
				}
			}
			double seconds = (System.nanoTime() - started) / 1e9;
			CpuTimes used = CpuTimes.now().since(cpu);
			long total = StreamTestSupport.scalar(url, "SELECT SUM(reads_total) + SUM(writes_total) FROM file_heat");
			if (total != events) {
				throw new IllegalStateException("counted " + total + " events, produced " + events);
			}
			return new Measured(events / seconds, used);
		}
	}

	private static Measured bareConsumer(String bootstrap, int events) {
		try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(Map.of("bootstrap.servers", bootstrap,
				"group.id", "bench-" + UUID.randomUUID(), "auto.offset.reset", "earliest", "max.poll.records", 5000,
				"fetch.min.bytes", 65536, "max.partition.fetch.bytes", 4194304), new StringDeserializer(),
				new ByteArrayDeserializer())) {
			consumer.subscribe(List.of(Topics.ACCESS));
			long start = System.nanoTime();
			CpuTimes cpu = CpuTimes.now();
			long read = 0;
			while (read < events) {
				ConsumerRecords<String, byte[]> records = consumer.poll(Duration.ofMillis(200));
				read += records.count();
			}
			double seconds = (System.nanoTime() - start) / 1e9;
			return new Measured(events / seconds, CpuTimes.now().since(cpu));
		}
	}

}
