package io.dim.stream.heat;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;

import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import io.dim.localstack.LocalStack;
import io.dim.model.stream.AccessEvent;
import io.dim.model.stream.AccessEventCodec;
import io.dim.model.stream.AccessOp;
import io.dim.model.stream.Topics;
import io.dim.model.testing.TestDatabases;
import io.dim.model.testing.TestDatabases.Vendor;
import io.dim.stream.StreamTestSupport;

/**
 * Exactly-once counting under crashes: events with known per-object counts are produced
 * while a real stream-service process is killed with SIGKILL three times mid-stream and
 * restarted; the final counts must equal exactly what was produced (records sent twice
 * with one count-once id included).
 */
class ExactlyOnceCrashTests {

	static final int OBJECTS = 40;

	static final int EVENTS = 40_000;

	static final int BAD_RECORDS = 25;

	/**
	 * Every hundredth event carries a count-once id and is sent twice (as api-service's
	 * spool does after a crash): one more record each, counted once.
	 */
	static final int REPEATED = EVENTS / 100;

	@TempDir
	Path tempDir;

	@ParameterizedTest
	@EnumSource(Vendor.class)
	void killingTheConsumerMidStreamNeitherLosesNorDoubleCountsAnEvent(Vendor vendor) throws Exception {
		String url = vendor.freshUrl(this.tempDir);
		TestDatabases.migrate(url);
		List<String> keys = StreamTestSupport.registerObjects(url, OBJECTS);
		try (LocalStack stack = LocalStack.startOnFreePorts(this.tempDir.resolve("stack"), List.of())) {
			StreamTestSupport.createTopic(stack.kafkaBootstrap(), Topics.ACCESS, 6);
			Map<String, long[]> expected = new HashMap<>();
			CompletableFuture<Void> producing = CompletableFuture
				.runAsync(() -> produce(stack.kafkaBootstrap(), keys, expected));

			for (double progress : new double[] { 0.15, 0.40, 0.65 }) {
				Process consumer = startConsumer(url, stack.kafkaBootstrap(), "run-" + progress);
				long target = (long) (EVENTS * progress);
				await().atMost(Duration.ofSeconds(120))
					.pollInterval(Duration.ofMillis(100))
					.until(() -> counted(url) >= target);
				consumer.destroyForcibly().waitFor();
			}
			producing.get();
			Process last = startConsumer(url, stack.kafkaBootstrap(), "final");
			try {
				await().atMost(Duration.ofSeconds(120))
					.pollInterval(Duration.ofMillis(200))
					.until(() -> StreamTestSupport.scalar(url,
							"SELECT COALESCE(SUM(next_offset), 0) FROM consumer_offset") == EVENTS + BAD_RECORDS
									+ REPEATED);
			}
			finally {
				last.destroyForcibly().waitFor();
			}

			Map<String, String> expectedTotals = new HashMap<>();
			expected.forEach((key, counts) -> expectedTotals.put(key, counts[0] + "/" + counts[1]));
			assertThat(StreamTestSupport.heatTotals(url)).isEqualTo(expectedTotals);
			assertThat(StreamTestSupport.scalar(url, "SELECT SUM(reads) + SUM(writes) FROM access_bucket"))
				.isEqualTo(EVENTS);
		}
	}

	private static long counted(String url) throws Exception {
		return StreamTestSupport.scalar(url, "SELECT COALESCE(SUM(reads_total) + SUM(writes_total), 0) FROM file_heat");
	}

	/**
	 * Produces the events at a steady pace (so the consumer is killed mid-stream), plus
	 * bad records.
	 */
	private static void produce(String bootstrap, List<String> keys, Map<String, long[]> expected) {
		Random random = new Random(42);
		try (KafkaProducer<String, byte[]> producer = StreamTestSupport.producer(bootstrap)) {
			for (int i = 0; i < EVENTS; i++) {
				String key = keys.get(Math.min(keys.size() - 1, (int) Math.abs(random.nextGaussian() * 10)));
				AccessOp op = (random.nextInt(10) < 8) ? AccessOp.READ : AccessOp.WRITE;
				expected.computeIfAbsent(key, (k) -> new long[2])[(op == AccessOp.READ) ? 0 : 1]++;
				AccessEvent event = new AccessEvent(UUID.randomUUID().toString(), key, op, 100,
						Instant.now().minusSeconds(random.nextInt(7200)), "test");
				ProducerRecord<String, byte[]> record = new ProducerRecord<>(Topics.ACCESS, key,
						AccessEventCodec.toJson(event));
				if (i % 100 == 0) {
					record.headers().add(Topics.COUNT_ONCE_HEADER, event.eventId().getBytes(StandardCharsets.UTF_8));
					producer.send(record);
				}
				producer.send(record);
				if (i % (EVENTS / BAD_RECORDS) == 0) {
					producer
						.send(new ProducerRecord<>(Topics.ACCESS, "bad", "{not json".getBytes(StandardCharsets.UTF_8)));
				}
				if (i % 500 == 0) {
					producer.flush();
					Thread.sleep(30);
				}
			}
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

	private Process startConsumer(String url, String bootstrap, String name) throws Exception {
		return StreamTestSupport.startService(url, bootstrap, this.tempDir.resolve("consumer-" + name + ".log"),
				"--spring.kafka.consumer.max-poll-records=700");
	}

}
