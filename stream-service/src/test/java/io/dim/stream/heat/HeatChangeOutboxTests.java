package io.dim.stream.heat;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DriverManagerDataSource;
import org.springframework.kafka.core.DefaultKafkaProducerFactory;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.kafka.support.ProducerListener;

import io.dim.localstack.LocalStack;
import io.dim.model.stream.HeatChanged;
import io.dim.model.stream.Topics;
import io.dim.model.testing.TestDatabases;
import io.dim.stream.StreamTestSupport;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;

/**
 * The tier-change outbox when Kafka refuses the send: publishing does not fail the
 * committed batch, the changes stay recorded, and a later pass with Kafka back publishes
 * each once and removes it.
 */
class HeatChangeOutboxTests {

	@TempDir
	Path tempDir;

	@Test
	void aChangeKafkaRefusedStaysInTheOutboxAndIsPublishedOnceKafkaTakesIt() throws Exception {
		String url = TestDatabases.sqliteUrl(this.tempDir);
		TestDatabases.migrate(url);
		JdbcTemplate jdbc = new JdbcTemplate(new DriverManagerDataSource(url));
		HeatChanged hot = new HeatChanged("key-042", "warm", "hot", 12.5, Instant.parse("2026-11-27T10:00:00Z"));
		HeatChanged cold = new HeatChanged("key-043", "warm", "cold", 0.1, Instant.parse("2026-11-27T10:00:00Z"));

		// Nothing listens on port 1: every send fails once the producer gives up waiting
		// for the broker.
		CountDownLatch refused = new CountDownLatch(1);
		KafkaTemplate<String, byte[]> refusing = template(Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, "127.0.0.1:1",
				ProducerConfig.MAX_BLOCK_MS_CONFIG, 500));
		refusing.setProducerListener(new ProducerListener<>() {
			@Override
			public void onError(ProducerRecord<String, byte[]> record,
					org.apache.kafka.clients.producer.RecordMetadata metadata, Exception ex) {
				refused.countDown();
			}
		});
		SimpleMeterRegistry refusedRegistry = new SimpleMeterRegistry();
		HeatChangePublisher down = new HeatChangePublisher(refusing, jdbc, refusedRegistry);
		down.record(List.of(hot, cold));
		// The batch that changed the tiers is committed: the refusal is not its failure.
		down.publish(List.of(hot, cold));
		assertThat(refused.await(30, TimeUnit.SECONDS)).as("the send failed").isTrue();
		// Another pass (which deletes what Kafka acknowledged) keeps both.
		down.publish(List.of());
		assertThat(outboxRows(jdbc)).isEqualTo(2);
		assertThat(refusedRegistry.counter("dim_heat_changes_published").count()).isZero();
		refusing.destroy();

		try (LocalStack stack = LocalStack.startOnFreePorts(this.tempDir.resolve("stack"), List.of())) {
			StreamTestSupport.createTopic(stack.kafkaBootstrap(), Topics.HEAT, 1);
			KafkaTemplate<String, byte[]> kafka = template(
					Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, stack.kafkaBootstrap()));
			SimpleMeterRegistry registry = new SimpleMeterRegistry();
			HeatChangePublisher up = new HeatChangePublisher(kafka, jdbc, registry);
			// A fresh change may still be in flight: only one left this long is resent.
			assertThat(up.resendLeftovers()).isZero();
			jdbc.update("UPDATE heat_change_outbox SET created_at = created_at - ?",
					HeatChangePublisher.LEFT_BEHIND_MILLIS + 1_000);
			assertThat(up.resendLeftovers()).isEqualTo(2);
			await().atMost(Duration.ofSeconds(30))
				.until(() -> registry.counter("dim_heat_changes_published").count() == 2);
			// Acknowledged: removed at the next pass, so each is published once.
			assertThat(up.resendLeftovers()).isZero();
			assertThat(outboxRows(jdbc)).isZero();
			List<ConsumerRecord<String, byte[]>> published = readAll(stack.kafkaBootstrap());
			assertThat(published).extracting(ConsumerRecord::key).containsExactlyInAnyOrder("key-042", "key-043");
			assertThat(published).anySatisfy((r) -> assertThat(new String(r.value(), StandardCharsets.UTF_8))
				.contains("\"key\":\"key-042\"", "\"to\":\"hot\""));
			kafka.destroy();
		}
	}

	private static KafkaTemplate<String, byte[]> template(Map<String, Object> settings) {
		return new KafkaTemplate<>(
				new DefaultKafkaProducerFactory<>(settings, new StringSerializer(), new ByteArraySerializer()));
	}

	private static int outboxRows(JdbcTemplate jdbc) {
		return jdbc.queryForObject("SELECT COUNT(*) FROM heat_change_outbox", Integer.class);
	}

	/** Everything on dim.heat, read until a quiet poll after the first records. */
	private static List<ConsumerRecord<String, byte[]>> readAll(String bootstrap) {
		List<ConsumerRecord<String, byte[]>> records = new ArrayList<>();
		try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(Map.of("bootstrap.servers", bootstrap,
				"group.id", "test-" + UUID.randomUUID(), "auto.offset.reset", "earliest"), new StringDeserializer(),
				new ByteArrayDeserializer())) {
			consumer.subscribe(List.of(Topics.HEAT));
			long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
			while (System.nanoTime() < deadline) {
				int before = records.size();
				consumer.poll(Duration.ofMillis(1000)).forEach(records::add);
				if (!records.isEmpty() && records.size() == before) {
					break;
				}
			}
		}
		return records;
	}

}
