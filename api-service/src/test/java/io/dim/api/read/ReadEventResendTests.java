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

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DriverManagerDataSource;
import org.springframework.kafka.core.DefaultKafkaConsumerFactory;
import org.springframework.kafka.core.DefaultKafkaProducerFactory;
import org.springframework.kafka.core.KafkaTemplate;

import io.dim.api.cluster.ClusterLock;
import io.dim.localstack.KafkaBroker;
import io.dim.localstack.TempDirs;
import io.dim.localstack.TopicContents;
import io.dim.model.stream.AccessEvent;
import io.dim.model.stream.AccessOp;
import io.dim.model.stream.Topics;
import io.dim.model.testing.TestDatabases;
import io.dim.model.testing.TestDatabases.Vendor;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Two api-service instances sharing a database (SQLite and PostgreSQL) and a spool of
 * read events: once Kafka takes them, every spooled event reaches dim.access exactly once
 * (one instance resends at a time), carrying its id as its count-once id.
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
		String url = vendor.freshUrl(this.tempDir);
		TestDatabases.migrate(url);
		JdbcTemplate jdbc = new JdbcTemplate(new DriverManagerDataSource(url));
		String key = "spooled/" + vendor + "-" + UUID.randomUUID();
		List<AccessEvent> waiting = new ArrayList<>();
		for (int i = 0; i < 2_500; i++) {
			waiting.add(new AccessEvent(UUID.randomUUID().toString(), key, AccessOp.READ, 100,
					Instant.parse("2026-11-28T00:00:00Z").plusSeconds(i), "api-read"));
		}
		new ReadEventSpool(jdbc).add(waiting);

		SimpleMeterRegistry firstMeters = new SimpleMeterRegistry();
		SimpleMeterRegistry secondMeters = new SimpleMeterRegistry();
		ReadEvents first = start(jdbc, "instance-a", firstMeters);
		ReadEvents second = start(jdbc, "instance-b", secondMeters);
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

	private static String countOnceId(ConsumerRecord<String, byte[]> record) {
		return new String(record.headers().lastHeader(Topics.COUNT_ONCE_HEADER).value(), StandardCharsets.UTF_8);
	}

	private static ReadEvents start(JdbcTemplate jdbc, String owner, SimpleMeterRegistry registry) {
		ReadEvents events = new ReadEvents(new KafkaTemplate<>(producers), new ReadEventSpool(jdbc),
				new WrittenReadEvents(consumers), new ClusterLock(jdbc, owner, Clock.systemUTC()),
				new ReadEventsProperties(Duration.ofMillis(200), 10_000), registry);
		events.afterPropertiesSet();
		return events;
	}

}
