package io.dim.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.errors.TopicExistsException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import io.dim.api.support.Http;
import io.dim.api.support.TestStack;
import io.dim.localstack.FreePorts;
import io.dim.localstack.KafkaBroker;
import io.dim.localstack.LocalStack;
import io.dim.localstack.TempDirs;
import io.dim.localstack.TopicContents;
import io.dim.model.stream.AccessEvent;
import io.dim.model.stream.AccessEventCodec;
import io.dim.model.stream.AccessOp;
import io.dim.model.stream.Topics;

/**
 * Reads served while Kafka is down are not lost: their READ events wait in the database
 * and reach dim.access, each once, when a broker comes up on the configured address.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class ReadEventSpoolTests {

	static final LocalStack stack = TestStack.startS3();

	/** Where the broker will be: nothing listens there until the test starts it. */
	static final int KAFKA_PORT = FreePorts.pick();

	static KafkaBroker broker;

	@DynamicPropertySource
	static void properties(DynamicPropertyRegistry registry) {
		TestStack.registerWithoutBroker(registry, stack, 2, 1024);
		registry.add("dim.kafka-bootstrap", () -> "127.0.0.1:" + KAFKA_PORT);
		registry.add("spring.kafka.producer.properties.max.block.ms", () -> "1000");
		registry.add("dim.read-events.resend-interval", () -> "1s");
	}

	@AfterAll
	static void stop() throws Exception {
		if (broker != null) {
			broker.close();
		}
		stack.close();
	}

	@LocalServerPort
	int port;

	@Autowired
	JdbcTemplate jdbc;

	@Test
	void readsServedWhileKafkaIsDownAreSentOnceWhenItIsBack() throws Exception {
		Http http = new Http(this.port).bootstrapOnce();
		String key = http.get("/files?size=1&sort=key").json().get("items").get(0).get("key").asString();
		Instant before = Instant.now();
		for (int i = 0; i < 3; i++) {
			assertThat(read(key)).isEqualTo(200);
		}
		await().atMost(Duration.ofSeconds(30))
			.until(() -> http.metric("dim_read_events_spooled{application=\"api-service\"}") == 3);
		assertThat(this.jdbc.queryForObject("SELECT COUNT(*) FROM read_event_spool WHERE object_key = ?", Integer.class,
				key))
			.isEqualTo(3);

		broker = KafkaBroker.start(TempDirs.deletedOnExit("dim-test-kafka"), KAFKA_PORT);
		try (Admin admin = Admin.create(Map.of("bootstrap.servers", broker.bootstrapServers()))) {
			admin.createTopics(List.of(new NewTopic(Topics.ACCESS, 2, (short) 1))).all().get();
		}
		catch (ExecutionException ex) {
			// The producer's metadata requests may have had the broker create it first.
			if (!(ex.getCause() instanceof TopicExistsException)) {
				throw ex;
			}
		}
		await().atMost(Duration.ofSeconds(60))
			.until(() -> http.metric("dim_read_events_spooled{application=\"api-service\"}") == 0);
		assertThat(this.jdbc.queryForObject("SELECT COUNT(*) FROM read_event_spool", Integer.class)).isZero();
		assertThat(http.metric("dim_read_events_resent_total{application=\"api-service\"}")).isEqualTo(3);

		// And a read now that Kafka is up goes straight to it.
		assertThat(read(key)).isEqualTo(200);
		await().atMost(Duration.ofSeconds(30))
			.until(() -> TopicContents.committed(broker.bootstrapServers(), Topics.ACCESS).size() == 4);
		List<ConsumerRecord<String, byte[]>> records = TopicContents.committed(broker.bootstrapServers(),
				Topics.ACCESS);
		// The three sent again carry the header by which stream-service counts each once.
		assertThat(records.stream()
			.filter((r) -> r.headers().lastHeader(Topics.COUNT_ONCE_HEADER) != null)
			.map((r) -> new String(r.headers().lastHeader(Topics.COUNT_ONCE_HEADER).value(), StandardCharsets.UTF_8))
			.distinct()).hasSize(3);
		List<AccessEvent> events = records.stream()
			.map(ConsumerRecord::value)
			.map((value) -> new AccessEventCodec(Duration.ofMinutes(5)).parse(value, Instant.now()))
			.toList();
		assertThat(events).allSatisfy((event) -> {
			assertThat(event.key()).isEqualTo(key);
			assertThat(event.op()).isEqualTo(AccessOp.READ);
			assertThat(event.source()).isEqualTo("api-read");
			assertThat(event.ts()).isAfterOrEqualTo(before.minusMillis(1));
		});
		assertThat(events.stream().map(AccessEvent::eventId).distinct()).hasSize(4);
		assertThat(http.metric("dim_read_events_dropped_total{application=\"api-service\"}")).isZero();
		assertThat(http.metric("dim_read_events_spooled{application=\"api-service\"}")).isZero();
	}

	private int read(String key) throws Exception {
		HttpResponse<byte[]> read = HttpClient.newHttpClient()
			.send(HttpRequest
				.newBuilder(
						URI.create("http://127.0.0.1:" + this.port + "/files/" + key.replace("/", "%2F") + "/content"))
				.header("X-API-Key", Http.API_KEY)
				.build(), HttpResponse.BodyHandlers.ofByteArray());
		assertThat(read.statusCode()).as(new String(read.body(), StandardCharsets.UTF_8)).isEqualTo(200);
		return read.statusCode();
	}

}
