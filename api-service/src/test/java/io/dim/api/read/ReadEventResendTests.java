package io.dim.api.read;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DriverManagerDataSource;
import org.springframework.kafka.core.DefaultKafkaConsumerFactory;
import org.springframework.kafka.core.DefaultKafkaProducerFactory;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.kafka.core.ProducerFactory;
import org.springframework.kafka.support.SendResult;

import io.dim.api.cluster.ClusterLock;
import io.dim.api.read.ReadEventSpool.Spooled;
import io.dim.localstack.KafkaBroker;
import io.dim.localstack.TempDirs;
import io.dim.localstack.TopicContents;
import io.dim.model.file.FileMeta;
import io.dim.model.stream.AccessEvent;
import io.dim.model.stream.AccessEventCodec;
import io.dim.model.stream.AccessOp;
import io.dim.model.stream.Topics;
import io.dim.model.testing.TestDatabases;
import io.dim.model.testing.TestDatabases.Vendor;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.awaitility.Awaitility.await;

/**
 * Sending spooled read events again, with a real broker (dim.access with 6 partitions)
 * and databases (SQLite and PostgreSQL):
 * <ul>
 * <li>two api-service instances sharing a spool: once Kafka takes them, every spooled
 * event reaches dim.access exactly once (one instance resends at a time), carrying its id
 * as its count-once id;</li>
 * <li>a read event whose send failed although Kafka had written it (its acknowledgement
 * lost) is found on dim.access and only deleted from the spool, so it is counted once,
 * while one whose send failed before Kafka wrote it is sent again. The lost
 * acknowledgement is the one thing simulated ({@link AcknowledgementsLost}): a network
 * fault this machine cannot produce on demand.</li>
 * </ul>
 */
class ReadEventResendTests {

	static KafkaBroker broker;

	static DefaultKafkaProducerFactory<String, byte[]> producers;

	static DefaultKafkaConsumerFactory<String, byte[]> consumers;

	@TempDir
	Path tempDir;

	@BeforeAll
	static void startBroker() throws Exception {
		broker = KafkaBroker.start(TempDirs.deletedOnExit("dim-test-kafka"), 0);
		try (Admin admin = Admin
			.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers()))) {
			admin.createTopics(List.of(new NewTopic(Topics.ACCESS, 6, (short) 1))).all().get();
		}
		producers = new DefaultKafkaProducerFactory<>(
				Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers()), new StringSerializer(),
				new ByteArraySerializer());
		consumers = new DefaultKafkaConsumerFactory<>(
				Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers()), new StringDeserializer(),
				new ByteArrayDeserializer());
	}

	@AfterAll
	static void stopBroker() {
		producers.destroy();
		broker.close();
	}

	@ParameterizedTest
	@EnumSource(Vendor.class)
	void twoInstancesSendEachSpooledEventOnce(Vendor vendor) throws Exception {
		JdbcTemplate jdbc = database(vendor);
		String key = "spooled/" + vendor + "-" + UUID.randomUUID();
		List<AccessEvent> waiting = new ArrayList<>();
		for (int i = 0; i < 2_500; i++) {
			waiting.add(new AccessEvent(UUID.randomUUID().toString(), key, AccessOp.READ, 100,
					Instant.parse("2026-11-28T00:00:00Z").plusSeconds(i), "api-read"));
		}
		new ReadEventSpool(jdbc).add(waiting);

		SimpleMeterRegistry firstMeters = new SimpleMeterRegistry();
		SimpleMeterRegistry secondMeters = new SimpleMeterRegistry();
		ReadEvents first = start(new KafkaTemplate<>(producers), jdbc, "instance-a", firstMeters);
		ReadEvents second = start(new KafkaTemplate<>(producers), jdbc, "instance-b", secondMeters);
		try {
			await().atMost(Duration.ofSeconds(60))
				.until(() -> jdbc.queryForObject("SELECT COUNT(*) FROM read_event_spool", Integer.class) == 0);
		}
		finally {
			first.destroy();
			second.destroy();
		}

		List<String> ids = TopicContents.committed(broker.bootstrapServers(), Topics.ACCESS)
			.stream()
			.filter((record) -> key.equals(record.key()))
			.map(ReadEventResendTests::countOnceId)
			.toList();
		assertThat(ids).hasSize(2_500).doesNotHaveDuplicates();
		assertThat(ids).containsExactlyInAnyOrderElementsOf(waiting.stream().map(AccessEvent::eventId).toList());
		assertThat(firstMeters.counter("dim_read_events_resent").count()
				+ secondMeters.counter("dim_read_events_resent").count())
			.isEqualTo(2_500);
	}

	@ParameterizedTest
	@EnumSource(Vendor.class)
	void aReadKafkaWroteDespiteItsFailedSendIsNotSentAgain(Vendor vendor) throws Exception {
		JdbcTemplate jdbc = database(vendor);
		String prefix = "lost-ack/" + vendor + "-" + UUID.randomUUID() + "/";
		// Keys ending in /0 lose their acknowledgement, in /1 fail before Kafka writes
		// them.
		SimpleMeterRegistry registry = new SimpleMeterRegistry();
		ReadEvents events = start(new AcknowledgementsLost(producers, prefix), jdbc, "test", registry);
		try {
			for (int i = 0; i < 30; i++) {
				events.recordRead(new FileMeta(prefix + i + "/" + (i % 3), 100, "text/plain", "a".repeat(64), null,
						Instant.now()));
			}
			await().atMost(Duration.ofSeconds(60))
				.until(() -> registry.counter("dim_read_events_found_written").count()
						+ registry.counter("dim_read_events_resent").count() == 20
						&& jdbc.queryForObject("SELECT COUNT(*) FROM read_event_spool", Integer.class) == 0);
		}
		finally {
			events.destroy();
		}

		List<ConsumerRecord<String, byte[]>> records = TopicContents.committed(broker.bootstrapServers(), Topics.ACCESS)
			.stream()
			.filter((record) -> record.key().startsWith(prefix))
			.toList();
		assertThat(records).extracting(ReadEventResendTests::eventId).hasSize(30).doesNotHaveDuplicates();
		assertThat(records.stream().filter((record) -> record.headers().lastHeader(Topics.COUNT_ONCE_HEADER) != null))
			.extracting(ConsumerRecord::key)
			.hasSize(10)
			.allMatch((key) -> key.endsWith("/1"));
		assertThat(registry.counter("dim_read_events_found_written").count()).isEqualTo(10);
		assertThat(registry.counter("dim_read_events_resent").count()).isEqualTo(10);
	}

	@Test
	void whetherAReadWasWrittenIsNotGuessedWhileKafkaCannotBeRead() {
		DefaultKafkaConsumerFactory<String, byte[]> absent = new DefaultKafkaConsumerFactory<>(
				Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, "127.0.0.1:1"), new StringDeserializer(),
				new ByteArrayDeserializer());
		assertThatExceptionOfType(KafkaException.class)
			.isThrownBy(() -> new WrittenReadEvents(absent).among(List.of(spooled("k"))));
	}

	@Test
	void aReadIsNotFoundWrittenToATopicThatDoesNotExist() throws Exception {
		try (KafkaBroker empty = KafkaBroker.start(TempDirs.deletedOnExit("dim-test-kafka"), 0)) {
			DefaultKafkaConsumerFactory<String, byte[]> noTopic = new DefaultKafkaConsumerFactory<>(
					Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, empty.bootstrapServers()), new StringDeserializer(),
					new ByteArrayDeserializer());

			assertThat(new WrittenReadEvents(noTopic).among(List.of(spooled("k")))).isEmpty();
		}
	}

	private JdbcTemplate database(Vendor vendor) {
		String url = vendor.freshUrl(this.tempDir);
		TestDatabases.migrate(url);
		return new JdbcTemplate(new DriverManagerDataSource(url));
	}

	private static ReadEvents start(KafkaTemplate<String, byte[]> kafka, JdbcTemplate jdbc, String owner,
			SimpleMeterRegistry registry) {
		ReadEvents events = new ReadEvents(kafka, new ReadEventSpool(jdbc), new WrittenReadEvents(consumers),
				new ClusterLock(jdbc, owner, Clock.systemUTC()),
				new ReadEventsProperties(Duration.ofMillis(200), 10_000), registry);
		events.afterPropertiesSet();
		return events;
	}

	private static String countOnceId(ConsumerRecord<String, byte[]> record) {
		return new String(record.headers().lastHeader(Topics.COUNT_ONCE_HEADER).value(), StandardCharsets.UTF_8);
	}

	private static Spooled spooled(String key) {
		AccessEvent event = new AccessEvent(UUID.randomUUID().toString(), key, AccessOp.READ, 1, Instant.now(),
				"api-read");
		return new Spooled(event.eventId(), event.key(), AccessEventCodec.toJson(event), true);
	}

	private static String eventId(ConsumerRecord<String, byte[]> record) {
		return new AccessEventCodec(Duration.ofDays(1)).parse(record.value(), Instant.now()).eventId();
	}

	/**
	 * Sends of keys under a prefix and ending in {@code /0} are written by Kafka and then
	 * reported failed, as when the acknowledgement is lost; those ending in {@code /1}
	 * fail before Kafka has them. Every other send, and every resend, is left alone.
	 */
	static final class AcknowledgementsLost extends KafkaTemplate<String, byte[]> {

		private final String prefix;

		AcknowledgementsLost(ProducerFactory<String, byte[]> producers, String prefix) {
			super(producers);
			this.prefix = prefix;
		}

		@Override
		public CompletableFuture<SendResult<String, byte[]>> send(String topic, String key, byte[] data) {
			if (!key.startsWith(this.prefix) || key.endsWith("/2")) {
				return super.send(topic, key, data);
			}
			if (key.endsWith("/1")) {
				return CompletableFuture.failedFuture(new KafkaException("request timed out before it was sent"));
			}
			return super.send(topic, key, data)
				.thenCompose((written) -> CompletableFuture.failedFuture(new KafkaException("acknowledgement lost")));
		}

	}

}
