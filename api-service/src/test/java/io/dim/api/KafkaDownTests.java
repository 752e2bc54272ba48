package io.dim.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.HexFormat;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import io.dim.api.s3.S3Clients;
import io.dim.api.support.Http;
import io.dim.api.support.TestStack;
import io.dim.localstack.LocalStack;
import tools.jackson.databind.JsonNode;

/**
 * With no Kafka broker: reads are served (their access events wait in the database, and
 * no read waits for the producer to give up), a forget is done and answered although its
 * announcement cannot be sent, and the {@code kafka_down} alert says what it means.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ExtendWith(OutputCaptureExtension.class)
class KafkaDownTests {

	/**
	 * What spring-kafka's default producer listener logs, with a stack trace, per record.
	 */
	static final String PER_RECORD_ERROR = "Exception thrown when sending a message";

	static final LocalStack stack = TestStack.startS3();

	@DynamicPropertySource
	static void properties(DynamicPropertyRegistry registry) {
		TestStack.registerWithoutBroker(registry, stack, 2, 1024);
		// The producer gives up on the missing broker sooner than the product's 10 s.
		registry.add("spring.kafka.producer.properties.max.block.ms", () -> "1000");
	}

	@AfterAll
	static void stop() throws Exception {
		stack.close();
	}

	@LocalServerPort
	int port;

	@Autowired
	S3Clients clients;

	Http http;

	@BeforeEach
	void bootstrapOnce() {
		this.http = new Http(this.port).bootstrapOnce();
	}

	@Test
	void readsAreServedAndTheirEventsSpooled(CapturedOutput output) throws Exception {
		String path = "/files/" + key(0).replace("/", "%2F");
		String sha256 = this.http.get(path).json().get("sha256").asString();
		for (int i = 0; i < 3; i++) {
			HttpResponse<byte[]> read = HttpClient.newHttpClient()
				.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + this.port + path + "/content"))
					.header("X-API-Key", Http.API_KEY)
					.build(), HttpResponse.BodyHandlers.ofByteArray());
			assertThat(read.statusCode()).as(new String(read.body(), StandardCharsets.UTF_8)).isEqualTo(200);
			assertThat(HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(read.body())))
				.isEqualTo(sha256);
		}
		// Their events wait in the database for Kafka (ReadEventSpoolTests sends them).
		await().atMost(Duration.ofSeconds(30))
			.until(() -> this.http.metric("dim_read_events_spooled{application=\"api-service\"}") == 3);
		assertThat(this.http.metric("dim_read_events_dropped_total{application=\"api-service\"}")).isZero();
		assertThat(output).contains("Kafka refused read events").doesNotContain(PER_RECORD_ERROR);
	}

	@Test
	void aForgetIsDoneAndAnsweredWithoutItsAnnouncement(CapturedOutput output) {
		String key = key(1);
		String path = "/files/" + key.replace("/", "%2F");
		for (JsonNode replica : this.http.get(path).json().get("replicas")) {
			String endpoint = replica.get("endpoint").asString();
			this.clients.client(endpoint)
				.deleteObject((r) -> r.bucket(this.clients.endpoint(endpoint).bucket()).key(key));
		}
		Http.Response forgotten = this.http.post(path + "/forget", Http.API_KEY);
		assertThat(forgotten.status()).as(forgotten.body()).isEqualTo(200);
		assertThat(forgotten.json().get("replicasForgotten").asInt()).isPositive();
		assertThat(this.http.get(path).status()).isEqualTo(404);
		assertThat(output).contains("Could not announce the forget of '" + key + "'").doesNotContain(PER_RECORD_ERROR);
	}

	@Test
	void anAlertSaysKafkaIsDownAndWhatThatMeans() {
		Http.Response round = this.http.post("/alerts/evaluate", Http.API_KEY);
		assertThat(round.status()).isEqualTo(200);
		assertThat(round.json().get("failed")).isEmpty();
		assertThat(this.http.liveAlerts("kafka_down")).singleElement().satisfies((alert) -> {
			assertThat(alert.get("subject").asString()).isEqualTo("kafka");
			assertThat(alert.get("severity").asString()).isEqualTo("critical");
			assertThat(alert.get("message").asString()).startsWith("Kafka (127.0.0.1:1) does not answer (")
				.contains("reads are served and their events wait in the database", "no object is at risk");
		});
		assertThat(this.http.metric("dim_kafka_up{application=\"api-service\"}")).isZero();
	}

	private String key(int index) {
		return this.http.get("/files?size=2&sort=key").json().get("items").get(index).get("key").asString();
	}

}
