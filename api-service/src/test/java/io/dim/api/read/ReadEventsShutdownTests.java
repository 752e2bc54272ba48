package io.dim.api.read;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DriverManagerDataSource;
import org.springframework.kafka.core.DefaultKafkaConsumerFactory;
import org.springframework.kafka.core.DefaultKafkaProducerFactory;
import org.springframework.kafka.core.KafkaTemplate;

import io.dim.api.cluster.ClusterLock;
import io.dim.model.file.FileMeta;
import io.dim.model.testing.TestDatabases;
import io.dim.model.testing.TestDatabases.Vendor;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Read events still waiting for the sender thread when api-service stops are kept in the
 * database, and the spool's limit drops (and counts) what does not fit. Kafka is absent
 * (nothing listens on port 1): its first send waits {@code max.block.ms} and is refused,
 * so the other events are still queued when the service stops.
 */
class ReadEventsShutdownTests {

	@TempDir
	Path tempDir;

	private final DefaultKafkaProducerFactory<String, byte[]> producers = new DefaultKafkaProducerFactory<>(
			Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, "127.0.0.1:1", ProducerConfig.MAX_BLOCK_MS_CONFIG, 1500),
			new StringSerializer(), new ByteArraySerializer());

	private final DefaultKafkaConsumerFactory<String, byte[]> consumers = new DefaultKafkaConsumerFactory<>(
			Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, "127.0.0.1:1"), new StringDeserializer(),
			new ByteArrayDeserializer());

	private final FileMeta meta = new FileMeta("reports/q3.csv", 2048, "text/csv", "a".repeat(64), null,
			Instant.parse("2026-11-28T00:00:00Z"));

	@AfterEach
	void closeProducers() {
		this.producers.destroy();
	}

	@ParameterizedTest
	@EnumSource(Vendor.class)
	void eventsQueuedAtShutdownAreSpooled(Vendor vendor) throws Exception {
		JdbcTemplate jdbc = database(vendor);
		SimpleMeterRegistry registry = new SimpleMeterRegistry();
		ReadEvents events = start(jdbc, 1000, registry);
		for (int i = 0; i < 6; i++) {
			events.recordRead(this.meta);
		}
		events.destroy();

		assertThat(jdbc.queryForObject("SELECT COUNT(DISTINCT event_id) FROM read_event_spool WHERE object_key = ?",
				Integer.class, "reports/q3.csv"))
			.isEqualTo(6);
		// Kafka refused them: it cannot have written them, so none is looked for later.
		assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM read_event_spool WHERE maybe_written", Integer.class))
			.isZero();
		assertThat(registry.counter("dim_read_events_dropped").count()).isZero();
		assertThat(registry.get("dim_read_events_spooled").gauge().value()).isEqualTo(6);
	}

	@ParameterizedTest
	@EnumSource(Vendor.class)
	void whatDoesNotFitTheSpoolIsDroppedAndCounted(Vendor vendor) throws Exception {
		JdbcTemplate jdbc = database(vendor);
		SimpleMeterRegistry registry = new SimpleMeterRegistry();
		ReadEvents events = start(jdbc, 2, registry);
		for (int i = 0; i < 5; i++) {
			events.recordRead(this.meta);
		}
		events.destroy();

		assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM read_event_spool", Integer.class)).isEqualTo(2);
		assertThat(registry.counter("dim_read_events_dropped").count()).isEqualTo(3);
	}

	private JdbcTemplate database(Vendor vendor) {
		String url = vendor.freshUrl(this.tempDir);
		TestDatabases.migrate(url);
		return new JdbcTemplate(new DriverManagerDataSource(url));
	}

	private ReadEvents start(JdbcTemplate jdbc, int spoolMax, SimpleMeterRegistry registry) {
		ReadEvents events = new ReadEvents(new KafkaTemplate<>(this.producers), new ReadEventSpool(jdbc),
				new WrittenReadEvents(this.consumers), new ClusterLock(jdbc, "test", Clock.systemUTC()),
				new ReadEventsProperties(Duration.ofHours(1), spoolMax), registry);
		events.afterPropertiesSet();
		return events;
	}

}
