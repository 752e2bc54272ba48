package io.dim.stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.admin.RecordsToDelete;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.scheduling.concurrent.ThreadPoolTaskScheduler;
import org.springframework.scheduling.config.FixedDelayTask;
import org.springframework.scheduling.config.ScheduledTaskHolder;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import io.dim.localstack.LocalStack;
import io.dim.localstack.TopicContents;
import io.dim.model.security.AccessTable;
import io.dim.model.stream.AccessEvent;
import io.dim.model.stream.AccessEventCodec;
import io.dim.model.stream.AccessOp;
import io.dim.model.stream.ObjectCreated;
import io.dim.model.stream.ObjectRemoved;
import io.dim.model.stream.Topics;
import io.dim.model.testing.RouteAccessChecks;
import io.dim.model.testing.TestDatabases;
import io.dim.stream.heat.AdoptedDuringAReplay;
import io.dim.stream.heat.DeadLetterReplay;
import io.dim.stream.heat.DeadLetterReplayer;
import io.dim.stream.heat.DeadLettersWaiting;
import io.dim.stream.heat.Decayer;
import io.dim.stream.heat.ForgottenHeatSweeper;
import io.dim.stream.heat.HeatChangePublisher;
import io.dim.stream.heat.HottestObjectsGauge;
import io.dim.stream.heat.ManagedKeys;
import io.dim.stream.simulate.StreamCommands;

/**
 * Tests for stream-service in one process against a real broker and SQLite: dead letters,
 * tier changes, the decayer, metrics and the simulate command.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class StreamServiceTests {

	static final String ADMIN_KEY = "stream-test-admin-key-01";

	static final String READ_KEY = "stream-test-read-key-02";

	static LocalStack stack;

	static String url;

	@DynamicPropertySource
	static void properties(DynamicPropertyRegistry registry) throws Exception {
		Path dir = Files.createTempDirectory("stream-tests");
		stack = LocalStack.startOnFreePorts(dir.resolve("stack"), List.of());
		// A short busy timeout, so that a locked database fails a batch quickly (see the
		// lock test).
		url = TestDatabases.sqliteUrl(dir) + "?journal_mode=WAL&busy_timeout=200&synchronous=NORMAL";
		TestDatabases.migrate(url);
		StreamTestSupport.registerObjects(url, 20);
		registry.add("spring.datasource.url", () -> url);
		registry.add("dim.kafka-bootstrap", stack::kafkaBootstrap);
		registry.add("dim.stream.decay-interval", () -> "1h");
		registry.add("dim.stream.top-n", () -> 5);
		// Managed keys are remembered for the whole run and nothing is swept on its own:
		// the forget test sees only what the announcement and one sweep do.
		registry.add("dim.stream.managed-keys-remembered", () -> "1h");
		registry.add("dim.stream.forgotten-sweep-interval", () -> "1h");
		// Acknowledged tier changes leave the outbox at the next pass: soon, here.
		registry.add("dim.stream.outbox-interval", () -> "1s");
		// The dead letters' replay runs when a test calls it.
		registry.add("dim.stream.dlq-replay-interval", () -> "1h");
		registry.add("dim.api-key", () -> ADMIN_KEY);
		registry.add("dim.read-api-key", () -> READ_KEY);
	}

	@AfterAll
	static void stop() throws Exception {
		stack.close();
	}

	@LocalServerPort
	int port;

	@Autowired
	JdbcTemplate jdbc;

	@Autowired
	Decayer decayer;

	@Autowired
	HottestObjectsGauge hottest;

	@Autowired
	ManagedKeys managedKeys;

	@Autowired
	ForgottenHeatSweeper sweeper;

	@Autowired
	HeatChangePublisher heatChanges;

	@Autowired
	DeadLetterReplayer deadLetterReplayer;

	@Autowired
	ScheduledTaskHolder scheduledTasks;

	@Autowired
	ThreadPoolTaskScheduler taskScheduler;

	@Test
	void badRecordsAreDeadLetteredWithTheirReasonAndTheConsumerKeepsGoing() throws Exception {
		long now = System.currentTimeMillis();
		Map<String, String> bad = Map.of("{broken", "invalid JSON", "{\"op\":\"READ\",\"bytes\":1,\"ts\":" + now + "}",
				"missing key", "{\"key\":\"key-001\",\"op\":\"SCAN\",\"bytes\":1,\"ts\":" + now + "}", "unknown op",
				"{\"key\":\"key-001\",\"op\":\"READ\",\"bytes\":-1,\"ts\":" + now + "}", "negative bytes",
				"{\"key\":\"key-001\",\"op\":\"READ\",\"bytes\":1,\"ts\":" + (now + 86_400_000L) + "}",
				"ts in the future", "{\"key\":\"not-managed\",\"op\":\"READ\",\"bytes\":1,\"ts\":" + now + "}",
				"unknown key");
		try (KafkaProducer<String, byte[]> producer = StreamTestSupport.producer(stack.kafkaBootstrap())) {
			bad.keySet()
				.forEach((json) -> producer
					.send(new ProducerRecord<>(Topics.ACCESS, "key-001", json.getBytes(StandardCharsets.UTF_8))));
			for (int i = 0; i < 7; i++) {
				producer.send(new ProducerRecord<>(Topics.ACCESS, "key-002", event("key-002", AccessOp.READ)));
			}
		}
		await().atMost(Duration.ofSeconds(30))
			.until(() -> this.jdbc.queryForObject(
					"SELECT COALESCE(MAX(reads_total), 0) FROM file_heat WHERE object_key = 'key-002'",
					Long.class) == 7);

		List<ConsumerRecord<String, byte[]>> dead = readAll(Topics.ACCESS_DLQ, bad.size()).stream()
			.filter((r) -> header(r, Topics.ORIGIN_HEADER).startsWith(Topics.ACCESS + "-"))
			.toList();
		List<String> reasons = dead.stream().map((r) -> header(r, Topics.REASON_HEADER)).toList();
		assertThat(reasons).hasSize(bad.size());
		bad.values().forEach((reason) -> assertThat(reasons).anyMatch((r) -> r.startsWith(reason)));
		assertThat(metrics())
			.contains("dim_events_dlq_total{application=\"stream-service\",reason=\"unknown-key\"} 1.0")
			.contains("reason=\"invalid-json\"");
	}

	@Test
	void aBurstMakesAnObjectHotAndPublishesTheChangeThenTheDecayerCoolsIt() throws Exception {
		try (KafkaProducer<String, byte[]> producer = StreamTestSupport.producer(stack.kafkaBootstrap())) {
			for (int i = 0; i < 60; i++) {
				producer.send(new ProducerRecord<>(Topics.ACCESS, "key-010", event("key-010", AccessOp.WRITE)));
			}
		}
		await().atMost(Duration.ofSeconds(30))
			.until(() -> "hot".equals(this.jdbc.queryForObject(
					"SELECT COALESCE(MAX(tier), 'none') FROM file_heat WHERE object_key = 'key-010'", String.class)));
		// One change from cold to hot, or, when the burst straddled two polls, a chain
		// through warm: each change starts where the one before ended.
		List<String> changes = new ArrayList<>();
		await().atMost(Duration.ofSeconds(30)).until(() -> {
			changes.clear();
			readAll(Topics.HEAT, 1).stream()
				.filter((r) -> r.key().equals("key-010"))
				.forEach((r) -> changes.add(new String(r.value(), StandardCharsets.UTF_8)));
			return !changes.isEmpty() && changes.get(changes.size() - 1).contains("\"to\":\"hot\"");
		});
		assertThat(changes.get(0)).contains("\"from\":\"cold\"");
		for (int i = 1; i < changes.size(); i++) {
			String previousTo = changes.get(i - 1).replaceAll(".*\"to\":\"([a-z]+)\".*", "$1");
			assertThat(changes.get(i)).contains("\"from\":\"" + previousTo + "\"");
		}
		double heat = this.jdbc.queryForObject("SELECT heat FROM file_heat WHERE object_key = 'key-010'", Double.class);
		assertThat(heat).isBetween(59.0, 60.0);

		this.hottest.refresh();
		assertThat(metrics()).contains("dim_file_heat_score{application=\"stream-service\",key=\"key-010\"}");

		// Thirty half-lives later: move the landmark back instead of waiting.
		long landmark = Long.parseLong(this.jdbc.queryForObject(
				"SELECT setting_value FROM system_setting WHERE setting_key = 'heat.landmark'", String.class));
		this.jdbc.update("UPDATE system_setting SET setting_value = ? WHERE setting_key = 'heat.landmark'",
				String.valueOf(landmark - Duration.ofHours(30).toMillis()));
		Decayer.Result result = this.decayer.decayOnce();
		assertThat(result.rebased()).isTrue();
		assertThat(result.changes()).anySatisfy((c) -> {
			assertThat(c.key()).isEqualTo("key-010");
			assertThat(c.to()).isEqualTo("cold");
		});
		double cooled = this.jdbc.queryForObject("SELECT heat FROM file_heat WHERE object_key = 'key-010'",
				Double.class);
		assertThat(cooled).isCloseTo(heat / Math.pow(2, 30), org.assertj.core.data.Percentage.withPercentage(5));
		// Every change was recorded in the outbox with its tier and leaves it once Kafka
		// has acknowledged it.
		await().atMost(Duration.ofSeconds(30))
			.until(() -> this.jdbc.queryForObject(
					"SELECT COUNT(*) FROM heat_change_outbox WHERE object_key = 'key-010'", Integer.class) == 0);
	}

	@Test
	void aTierChangeLeftInTheOutboxByACrashIsPublishedLater() throws Exception {
		// As a crash between the commit and the send leaves it: recorded, never sent.
		String payload = "{\"key\":\"key-011\",\"from\":\"cold\",\"to\":\"warm\",\"heat\":3.0,"
				+ "\"at\":\"2026-11-27T10:00:00Z\"}";
		this.jdbc.update("INSERT INTO heat_change_outbox (id, object_key, payload, created_at) VALUES (?, ?, ?, ?)",
				UUID.randomUUID().toString(), "key-011", payload, System.currentTimeMillis() - 60_000);
		assertThat(this.heatChanges.resendLeftovers()).isEqualTo(1);
		await().atMost(Duration.ofSeconds(30))
			.until(() -> readAll(Topics.HEAT, 1).stream()
				.anyMatch((r) -> r.key().equals("key-011")
						&& new String(r.value(), StandardCharsets.UTF_8).contains("\"to\":\"warm\"")));
		// Acknowledged: gone from the outbox at the next pass, not sent again.
		await().atMost(Duration.ofSeconds(30)).until(() -> {
			this.heatChanges.resendLeftovers();
			return this.jdbc.queryForObject("SELECT COUNT(*) FROM heat_change_outbox WHERE object_key = 'key-011'",
					Integer.class) == 0;
		});
		assertThat(this.heatChanges.resendLeftovers()).isZero();
	}

	@Test
	void s3NotificationsFeedTheHeatOfTheirObjects() throws Exception {
		byte[] notification = StreamServiceTests.class
			.getResourceAsStream("/s3-notifications/minio-object-accessed-get.json")
			.readAllBytes();
		String current = new String(notification, StandardCharsets.UTF_8).replace("2026-11-24T10:15:30.123Z",
				Instant.now().toString());
		// The same read made by DIM itself (a copy's source): its agent names DIM.
		String byDim = new String(
				StreamServiceTests.class.getResourceAsStream("/s3-notifications/minio-object-accessed-by-dim.json")
					.readAllBytes(),
				StandardCharsets.UTF_8)
			.replace("2026-11-24T10:15:31.456Z", Instant.now().toString());
		double before = notificationEvents();
		double ownBefore = counter("dim_s3_notifications_own_total{application=\"stream-service\"} ");
		try (KafkaProducer<String, byte[]> producer = StreamTestSupport.producer(stack.kafkaBootstrap())) {
			// First, on the same partition: counted out before the three reads below.
			for (int i = 0; i < 2; i++) {
				producer.send(new ProducerRecord<>(Topics.S3_EVENTS, "dim-data/key-005",
						byDim.getBytes(StandardCharsets.UTF_8)));
			}
			for (int i = 0; i < 3; i++) {
				producer.send(new ProducerRecord<>(Topics.S3_EVENTS, "dim-data/key-005",
						current.getBytes(StandardCharsets.UTF_8)));
			}
			producer.send(new ProducerRecord<>(Topics.S3_EVENTS, "x", "garbage".getBytes(StandardCharsets.UTF_8)));
		}
		await().atMost(Duration.ofSeconds(30))
			.until(() -> this.jdbc.queryForObject(
					"SELECT COALESCE(MAX(reads_total), 0) FROM file_heat WHERE object_key = 'key-005'",
					Long.class) == 3);
		assertThat(notificationEvents() - before).isEqualTo(3.0);
		assertThat(counter("dim_s3_notifications_own_total{application=\"stream-service\"} ") - ownBefore)
			.isEqualTo(2.0);
		assertThat(
				this.jdbc.queryForObject("SELECT reads_total FROM file_heat WHERE object_key = 'key-005'", Long.class))
			.isEqualTo(3);
	}

	private double notificationEvents() throws Exception {
		return counter("dim_s3_notification_events_total{application=\"stream-service\"} ");
	}

	/** A counter's value, from its line's start ("name{labels} "); 0 before it exists. */
	private double counter(String prefix) throws Exception {
		return metrics().lines()
			.filter((line) -> line.startsWith(prefix))
			.mapToDouble((line) -> Double.parseDouble(line.substring(prefix.length())))
			.findFirst()
			.orElse(0);
	}

	@Test
	void anObjectCreatedNotificationIsAnnouncedForAdoption() throws Exception {
		byte[] sample = StreamServiceTests.class.getResourceAsStream("/s3-notifications/minio-object-created-put.json")
			.readAllBytes();
		// key-019, which no other test counts, is managed: its WRITE is counted at once.
		byte[] managed = new String(sample, StandardCharsets.UTF_8).replace("reports%2FQ3+summary.csv", "key-019")
			.getBytes(StandardCharsets.UTF_8);
		// "reports/Q3 summary.csv" is not: its WRITE travels in the announcement, for
		// api-service to publish once it has adopted the object.
		try (KafkaProducer<String, byte[]> producer = StreamTestSupport.producer(stack.kafkaBootstrap())) {
			producer.send(new ProducerRecord<>(Topics.S3_EVENTS, "dim-data/key-019", managed));
			producer.send(new ProducerRecord<>(Topics.S3_EVENTS, "dim-data/reports/Q3 summary.csv", sample));
		}
		List<ConsumerRecord<String, byte[]>> announced = readAll(Topics.CREATED, 2);
		assertThat(announced).extracting(ConsumerRecord::key)
			.containsExactlyInAnyOrder("key-019", "reports/Q3 summary.csv");
		ObjectCreated known = announcement(announced, "key-019");
		assertThat(known).isEqualTo(new ObjectCreated("dim-data", "key-019", 4096, known.eventId(), null));
		// The id of the access event made from the same notification, which is counted.
		assertThat(known.eventId()).startsWith("s3:dim-data/key-019@").endsWith(":ObjectCreated:Put");
		await().atMost(Duration.ofSeconds(30))
			.until(() -> this.jdbc.queryForObject(
					"SELECT COALESCE(MAX(writes_total), 0) FROM file_heat WHERE object_key = 'key-019'",
					Long.class) == 1);

		ObjectCreated unknown = announcement(announced, "reports/Q3 summary.csv");
		assertThat(unknown.heldWrite()).isEqualTo(new AccessEvent(unknown.eventId(), "reports/Q3 summary.csv",
				AccessOp.WRITE, 4096, Instant.parse("2026-11-24T10:20:00Z"), "s3-notification"));
		// Committed with its announcement, so the topics now show all the adapter sent.
		assertThat(TopicContents.committed(stack.kafkaBootstrap(), Topics.ACCESS)).extracting(ConsumerRecord::key)
			.doesNotContain("reports/Q3 summary.csv");
		assertThat(TopicContents.committed(stack.kafkaBootstrap(), Topics.ACCESS_DLQ)).extracting(ConsumerRecord::key)
			.doesNotContain("reports/Q3 summary.csv");
	}

	@Test
	void theRemovalOfAManagedObjectByAnotherIsAnnouncedForACheck() throws Exception {
		String sample = new String(
				StreamServiceTests.class.getResourceAsStream("/s3-notifications/minio-object-removed-delete.json")
					.readAllBytes(),
				StandardCharsets.UTF_8);
		// key-016 is managed; "gone.bin" is not (its removal concerns nobody); DIM's own
		// removal of key-016 (a trimmed replica) is no news. The managed one goes last,
		// on the same partition: once it is announced, the others have been read.
		String managed = sample.replace("reports%2FQ3+summary.csv", "key-016");
		String byDim = managed.replace("minio-go/v7.0.70",
				"aws-sdk-java/2.31 " + io.dim.model.endpoint.DimUserAgent.MARKER);
		try (KafkaProducer<String, byte[]> producer = StreamTestSupport.producer(stack.kafkaBootstrap())) {
			for (String notification : List.of(sample.replace("reports%2FQ3+summary.csv", "gone.bin"), byDim,
					managed)) {
				producer.send(new ProducerRecord<>(Topics.S3_EVENTS, "dim-data/removals",
						notification.getBytes(StandardCharsets.UTF_8)));
			}
		}
		List<ConsumerRecord<String, byte[]>> announced = readAll(Topics.REMOVED, 1);
		assertThat(announced).singleElement().satisfies((record) -> {
			assertThat(record.key()).isEqualTo("key-016");
			assertThat(tools.jackson.databind.json.JsonMapper.builder()
				.build()
				.readValue(record.value(), ObjectRemoved.class))
				.isEqualTo(new ObjectRemoved("dim-data", "key-016",
						"s3:dim-data/key-016@17F1E3B5C0000008:ObjectRemoved:Delete"));
		});
		// A removal is no access: nothing of it on dim.access or its dead letters.
		assertThat(TopicContents.committed(stack.kafkaBootstrap(), Topics.ACCESS)).extracting(ConsumerRecord::key)
			.doesNotContain("key-016", "gone.bin");
		assertThat(TopicContents.committed(stack.kafkaBootstrap(), Topics.ACCESS_DLQ)).extracting(ConsumerRecord::key)
			.doesNotContain("key-016", "gone.bin");
	}

	private static ObjectCreated announcement(List<ConsumerRecord<String, byte[]>> records, String key) {
		return tools.jackson.databind.json.JsonMapper.builder()
			.build()
			.readValue(records.stream().filter((r) -> r.key().equals(key)).findFirst().orElseThrow().value(),
					ObjectCreated.class);
	}

	@Test
	void aReadEventSentAgainFromApiServicesSpoolIsCountedOnce() throws Exception {
		byte[] spooled = event("key-013", AccessOp.READ);
		try (KafkaProducer<String, byte[]> producer = StreamTestSupport.producer(stack.kafkaBootstrap())) {
			// The same spooled event three times (a resend after a crash, and a repeat in
			// one batch), and an event without the header twice: those are two events.
			for (int i = 0; i < 3; i++) {
				ProducerRecord<String, byte[]> record = new ProducerRecord<>(Topics.ACCESS, "key-013", spooled);
				record.headers().add(Topics.COUNT_ONCE_HEADER, "spooled-013".getBytes(StandardCharsets.US_ASCII));
				producer.send(record).get();
			}
			byte[] live = event("key-013", AccessOp.READ);
			producer.send(new ProducerRecord<>(Topics.ACCESS, "key-013", live)).get();
			producer.send(new ProducerRecord<>(Topics.ACCESS, "key-013", live)).get();
		}
		await().atMost(Duration.ofSeconds(30))
			.until(() -> this.jdbc.queryForObject(
					"SELECT COALESCE(MAX(reads_total), 0) FROM file_heat WHERE object_key = 'key-013'",
					Long.class) == 3);
		await().atMost(Duration.ofSeconds(30)).until(() -> repeatedEvents() == 2);
		assertThat(
				this.jdbc.queryForObject("SELECT COUNT(*) FROM counted_once WHERE id = 'spooled-013'", Integer.class))
			.isEqualTo(1);
		// Every record was consumed, and the repeats were not counted afterwards.
		await().during(Duration.ofSeconds(2))
			.atMost(Duration.ofSeconds(5))
			.until(() -> this.jdbc.queryForObject(
					"SELECT COALESCE(MAX(reads_total), 0) FROM file_heat WHERE object_key = 'key-013'",
					Long.class) == 3);
	}

	@Test
	void aDatabaseLockedLongerThanTheBusyTimeoutDelaysEventsButLosesNone() throws Exception {
		long before = this.jdbc.queryForObject(
				"SELECT COALESCE(MAX(reads_total), 0) FROM file_heat WHERE object_key = 'key-017'", Long.class);
		try (java.sql.Connection lock = java.sql.DriverManager.getConnection(url);
				java.sql.Statement sql = lock.createStatement()) {
			sql.execute("BEGIN EXCLUSIVE");
			try (KafkaProducer<String, byte[]> producer = StreamTestSupport.producer(stack.kafkaBootstrap())) {
				for (int i = 0; i < 25; i++) {
					producer.send(new ProducerRecord<>(Topics.ACCESS, "key-017", event("key-017", AccessOp.READ)));
				}
			}
			// Held longer than the 10 s busy timeout, so the batch fails and is retried;
			// nothing can be counted meanwhile.
			await().during(Duration.ofSeconds(12))
				.atMost(Duration.ofSeconds(15))
				.until(() -> this.jdbc.queryForObject(
						"SELECT COALESCE(MAX(reads_total), 0) FROM file_heat WHERE object_key = 'key-017'",
						Long.class) == before);
			sql.execute("COMMIT");
		}
		await().atMost(Duration.ofSeconds(60))
			.until(() -> this.jdbc.queryForObject(
					"SELECT COALESCE(MAX(reads_total), 0) FROM file_heat WHERE object_key = 'key-017'",
					Long.class) == before + 25);
	}

	@Test
	void servesOnlyHealthInfoAndMetricsAndEveryRouteIsInTheAccessTable(
			@Autowired org.springframework.context.ApplicationContext context) throws Exception {
		AccessTable table = context.getBean(AccessTable.class);
		var mapped = RouteAccessChecks.mappedRoutes(context);
		assertThat(mapped).contains("GET /health", "GET /metrics");
		assertThat(RouteAccessChecks.unlisted(table, mapped)).isEmpty();
		assertThat(RouteAccessChecks.stale(table, mapped)).isEmpty();
		RouteAccessChecks.assertEnforced("http://127.0.0.1:" + this.port, table, READ_KEY, ADMIN_KEY);
	}

	@Test
	void servesConsumerMetrics() throws Exception {
		assertThat(metrics()).contains("dim_events_consumed_total", "dim_consumer_lag", "dim_consumer_batch_size",
				"dim_consumer_flush_seconds");
	}

	@Test
	@Order(Integer.MAX_VALUE - 1) // after the test that reads every dead letter
	void deadLettersWaitForTheirObjectAndAreReplayedOnceWhenItIsAdopted() throws Exception {
		double before = unknownKeyDeadLetters();
		try (KafkaProducer<String, byte[]> producer = StreamTestSupport.producer(stack.kafkaBootstrap())) {
			for (int i = 0; i < 4; i++) {
				producer
					.send(new ProducerRecord<>(Topics.ACCESS, "adopted-later", event("adopted-later", AccessOp.READ)));
			}
			for (int i = 0; i < 2; i++) {
				producer
					.send(new ProducerRecord<>(Topics.ACCESS, "never-managed", event("never-managed", AccessOp.READ)));
			}
		}
		await().atMost(Duration.ofSeconds(30)).until(() -> unknownKeyDeadLetters() - before == 6);
		// One of them dead-lettered a second time, as when its batch's write failed and
		// the batch was handled again: same record, same origin header.
		ConsumerRecord<String, byte[]> once = io.dim.localstack.TopicContents
			.committed(stack.kafkaBootstrap(), Topics.ACCESS_DLQ)
			.stream()
			.filter((r) -> "adopted-later".equals(r.key()))
			.findFirst()
			.orElseThrow();
		try (KafkaProducer<String, byte[]> producer = StreamTestSupport.producer(stack.kafkaBootstrap())) {
			producer.send(new ProducerRecord<>(Topics.ACCESS_DLQ, null, once.key(), once.value(), once.headers()))
				.get();
		}

		// Before the adoption: they wait, recorded in the database, the topic unchanged.
		int deadLetters = deadLetterCount();
		assertThat(replayDeadLetters()).contains("replay-dlq: 0 replayed to dim.access")
			.containsPattern(", [1-9]\\d* now waiting for their object")
			.contains(", 1 duplicate(s) dropped");
		assertThat(waiting("adopted-later")).isEqualTo(4);
		assertThat(waiting("never-managed")).isEqualTo(2);
		assertThat(deadLetterCount()).isEqualTo(deadLetters);
		assertThat(replayDeadLetters()).contains("replay-dlq: 0 replayed to dim.access (0 of them waited",
				", 0 now waiting", "of 0 new dead letter(s) read");

		// The adoption: the service's own run sends the four back, counted once.
		this.jdbc.update("INSERT INTO file_meta (object_key, size_bytes, content_type, sha256, version_token, "
				+ "created_at) VALUES ('adopted-later', 10, 'text/plain', ?, '', 0)", "0".repeat(64));
		DeadLetterReplay.Summary adopted = this.deadLetterReplayer.replayQuietly().orElseThrow();
		assertThat(adopted.replayed()).isEqualTo(4);
		assertThat(adopted.waited()).isEqualTo(4);
		await().atMost(Duration.ofSeconds(30))
			.until(() -> this.jdbc.queryForObject(
					"SELECT COALESCE(MAX(reads_total), 0) FROM file_heat WHERE object_key = 'adopted-later'",
					Long.class) == 4);
		assertThat(waiting("adopted-later")).isZero();
		assertThat(waiting("never-managed")).isEqualTo(2);
		assertThat(adopted.line())
			.endsWith("; " + this.jdbc.queryForObject("SELECT COUNT(*) FROM dead_letter_waiting", Long.class)
					+ " wait for their object in all");
		assertThat(counter("dim_dead_letters_waiting{application=\"stream-service\"} "))
			.isEqualTo(this.jdbc.queryForObject("SELECT COUNT(*) FROM dead_letter_waiting", Long.class).doubleValue())
			.isGreaterThanOrEqualTo(2);
		assertThat(replayDeadLetters()).contains("replay-dlq: 0 replayed to dim.access");

		// A run stopped after sending one back and before forgetting it: sent again, not
		// counted again.
		double repeatedBefore = repeatedEvents();
		this.jdbc.update("INSERT INTO dead_letter_waiting (dlq_partition, dlq_offset, object_key, recorded_at) "
				+ "VALUES (?, ?, 'adopted-later', 0)", once.partition(), once.offset());
		assertThat(replayDeadLetters()).contains("replay-dlq: 1 replayed to dim.access (1 of them waited");
		await().atMost(Duration.ofSeconds(30)).until(() -> repeatedEvents() == repeatedBefore + 1);

		// A copy of a dead letter replayed already, arriving later (a batch handled again
		// later): replayed, and not counted again.
		try (KafkaProducer<String, byte[]> producer = StreamTestSupport.producer(stack.kafkaBootstrap())) {
			producer.send(new ProducerRecord<>(Topics.ACCESS_DLQ, null, once.key(), once.value(), once.headers()))
				.get();
		}
		assertThat(replayDeadLetters()).contains("replay-dlq: 1 replayed to dim.access (0 of them waited");
		await().atMost(Duration.ofSeconds(30)).until(() -> repeatedEvents() == repeatedBefore + 2);
		assertThat(this.jdbc.queryForObject("SELECT reads_total FROM file_heat WHERE object_key = 'adopted-later'",
				Long.class))
			.isEqualTo(4);

		// A place that now holds another event (the topic was made again): forgotten,
		// nothing sent.
		ConsumerRecord<String, byte[]> another = io.dim.localstack.TopicContents
			.committed(stack.kafkaBootstrap(), Topics.ACCESS_DLQ)
			.stream()
			.filter((r) -> !header(r, Topics.REASON_HEADER).startsWith("unknown key"))
			.findFirst()
			.orElseThrow();
		this.jdbc.update("INSERT INTO dead_letter_waiting (dlq_partition, dlq_offset, object_key, recorded_at) "
				+ "VALUES (?, ?, 'adopted-later', 0)", another.partition(), another.offset());
		assertThat(replayDeadLetters()).contains("replay-dlq: 0 replayed to dim.access", ", 1 expired while waiting");
		assertThat(waiting("adopted-later")).isZero();
		// A place past the topic's end (made again, shorter): forgotten too.
		this.jdbc.update("INSERT INTO dead_letter_waiting (dlq_partition, dlq_offset, object_key, recorded_at) "
				+ "VALUES (0, 1000000000, 'adopted-later', 0)");
		assertThat(replayDeadLetters()).contains("replay-dlq: 0 replayed to dim.access", ", 1 expired while waiting");
		assertThat(waiting("adopted-later")).isZero();

		// Kafka drops the old dead letters (its retention): those still waiting are
		// forgotten and counted as expired.
		try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, stack.kafkaBootstrap()))) {
			TopicPartition partition = new TopicPartition(Topics.ACCESS_DLQ, 0);
			long end = admin.listOffsets(Map.of(partition, OffsetSpec.latest())).all().get().get(partition).offset();
			admin.deleteRecords(Map.of(partition, RecordsToDelete.beforeOffset(end))).all().get();
		}
		long waitingBefore = this.jdbc.queryForObject("SELECT COUNT(*) FROM dead_letter_waiting", Long.class);
		assertThat(waitingBefore).isGreaterThanOrEqualTo(2);
		assertThat(replayDeadLetters()).contains(", " + waitingBefore + " expired while waiting");
		assertThat(this.jdbc.queryForObject("SELECT COUNT(*) FROM dead_letter_waiting", Long.class)).isZero();
	}

	@Test
	@Order(Integer.MAX_VALUE - 3) // leaves no dead letter waiting for the tests after it
	void deadLettersOfAnObjectAdoptedDuringAReplayAreReplayedInThatRun(@Autowired StreamProperties properties,
			@Autowired DeadLettersWaiting waiting, @Autowired org.springframework.core.env.Environment environment)
			throws Exception {
		String key = "adopted-mid-replay";
		try (KafkaProducer<String, byte[]> producer = StreamTestSupport.producer(stack.kafkaBootstrap())) {
			for (int i = 0; i < 3; i++) {
				producer.send(new ProducerRecord<>(Topics.ACCESS, key, event(key, AccessOp.READ)));
			}
		}
		await().atMost(Duration.ofSeconds(30))
			.until(() -> io.dim.localstack.TopicContents.committed(stack.kafkaBootstrap(), Topics.ACCESS_DLQ)
				.stream()
				.filter((r) -> key.equals(r.key()))
				.count() == 3);

		// The run reads them while the object is unknown, then finds them waiting for an
		// object managed now: the same dead letters, not copies of them.
		DeadLetterReplay.Summary run = AdoptedDuringAReplay.run(key, this.jdbc, properties, waiting, environment);
		// (Other tests' dead letters may be in the same run: at least these three.)
		assertThat(run.waited()).as(run.line()).isGreaterThanOrEqualTo(3);
		await().atMost(Duration.ofSeconds(30))
			.until(() -> this.jdbc.queryForObject(
					"SELECT COALESCE(MAX(reads_total), 0) FROM file_heat WHERE object_key = ?", Long.class, key) == 3);
		assertThat(waiting(key)).isZero();
	}

	@Test
	void deadLettersAreReplayedOnTheirOwnEveryInterval() {
		assertThat(this.scheduledTasks.getScheduledTasks())
			.filteredOn((t) -> t.toString().endsWith(".replayDeadLetters"))
			.singleElement()
			.satisfies((t) -> assertThat(((FixedDelayTask) t.getTask()).getIntervalDuration())
				.isEqualTo(Duration.ofHours(1)));
		// A round waiting for Kafka leaves a thread to the decayer.
		assertThat(this.taskScheduler.getPoolSize()).isEqualTo(2);
	}

	private int waiting(String key) {
		return this.jdbc.queryForObject("SELECT COUNT(*) FROM dead_letter_waiting WHERE object_key = ?", Integer.class,
				key);
	}

	private static int deadLetterCount() {
		return io.dim.localstack.TopicContents.committed(stack.kafkaBootstrap(), Topics.ACCESS_DLQ).size();
	}

	private double repeatedEvents() throws Exception {
		return metrics().lines()
			.filter((line) -> line.startsWith("dim_events_repeated_total"))
			.mapToDouble((line) -> Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1)))
			.sum();
	}

	@Test
	@Order(Integer.MAX_VALUE - 2) // after the test that counts unknown-key dead letters
	void aForgottenObjectsEventsAreDeadLetteredOnceItsForgetIsAnnouncedAndLeftoverHeatIsSwept() throws Exception {
		String key = "forgotten-later";
		this.jdbc.update("INSERT INTO file_meta (object_key, size_bytes, content_type, sha256, version_token, "
				+ "created_at) VALUES (?, 10, 'text/plain', ?, '', 0)", key, "0".repeat(64));
		try (KafkaProducer<String, byte[]> producer = StreamTestSupport.producer(stack.kafkaBootstrap())) {
			for (int i = 0; i < 3; i++) {
				producer.send(new ProducerRecord<>(Topics.ACCESS, key, event(key, AccessOp.READ)));
			}
		}
		await().atMost(Duration.ofSeconds(30))
			.until(() -> this.jdbc.queryForObject(
					"SELECT COALESCE(MAX(reads_total), 0) FROM file_heat WHERE object_key = ?", Long.class, key) == 3);
		assertThat(this.managedKeys.among(Set.of(key))).containsExactly(key);

		// api-service's forget: the rows go, then the announcement.
		for (String table : List.of("file_heat", "access_bucket", "file_meta")) {
			this.jdbc.update("DELETE FROM " + table + " WHERE object_key = ?", key);
		}
		// Remembered for an hour in this test, the key is still taken as managed...
		assertThat(this.managedKeys.among(Set.of(key))).containsExactly(key);
		double before = unknownKeyDeadLetters();
		try (KafkaProducer<String, byte[]> producer = StreamTestSupport.producer(stack.kafkaBootstrap())) {
			producer.send(new ProducerRecord<>(Topics.FORGOTTEN, key,
					tools.jackson.databind.json.JsonMapper.builder()
						.build()
						.writeValueAsBytes(new io.dim.model.stream.ObjectForgotten(key))));
		}
		// ...until the announcement arrives.
		await().atMost(Duration.ofSeconds(30)).until(() -> this.managedKeys.among(Set.of(key)).isEmpty());
		try (KafkaProducer<String, byte[]> producer = StreamTestSupport.producer(stack.kafkaBootstrap())) {
			for (int i = 0; i < 2; i++) {
				producer.send(new ProducerRecord<>(Topics.ACCESS, key, event(key, AccessOp.READ)));
			}
		}
		await().atMost(Duration.ofSeconds(30)).until(() -> unknownKeyDeadLetters() - before == 2);
		assertThat(this.jdbc.queryForObject("SELECT COUNT(*) FROM file_heat WHERE object_key = ?", Integer.class, key))
			.isZero();

		// Heat counted before an announcement arrived is swept; a managed object's stays.
		this.jdbc.update("INSERT INTO file_heat (object_key, heat, heat_score, last_access_at, reads_total, "
				+ "writes_total, bytes_total, tier) VALUES (?, 1, 1, 0, 1, 0, 10, 'cold')", key);
		this.jdbc.update("INSERT INTO access_bucket (object_key, bucket_start, reads, writes, bytes) "
				+ "VALUES (?, 0, 1, 0, 10)", key);
		long managedRows = this.jdbc.queryForObject("SELECT COUNT(*) FROM file_heat", Long.class) - 1;
		assertThat(this.sweeper.sweepOnce()).isEqualTo(1);
		assertThat(this.jdbc.queryForObject("SELECT (SELECT COUNT(*) FROM file_heat WHERE object_key = ?) "
				+ "+ (SELECT COUNT(*) FROM access_bucket WHERE object_key = ?)", Integer.class, key, key))
			.isZero();
		assertThat(this.jdbc.queryForObject("SELECT COUNT(*) FROM file_heat", Long.class)).isEqualTo(managedRows)
			.isPositive();
		assertThat(this.sweeper.sweepOnce()).isZero();
	}

	private String replayDeadLetters() {
		ByteArrayOutputStream out = new ByteArrayOutputStream();
		ByteArrayOutputStream err = new ByteArrayOutputStream();
		System.setProperty("spring.datasource.url", url);
		System.setProperty("KAFKA_BOOTSTRAP", stack.kafkaBootstrap());
		try {
			int code = StreamCommands.run(new String[] { "replay-dlq" }, new PrintStream(out, true),
					new PrintStream(err, true));
			assertThat(code).as(err.toString()).isZero();
			return out.toString();
		}
		finally {
			System.clearProperty("spring.datasource.url");
			System.clearProperty("KAFKA_BOOTSTRAP");
		}
	}

	private double unknownKeyDeadLetters() throws Exception {
		return counter("dim_events_dlq_total{application=\"stream-service\",reason=\"unknown-key\"} ");
	}

	@Test
	@Order(Integer.MAX_VALUE) // touches every object, so it runs after the tests that
								// count exactly
	void simulateSendsAReproducibleFiniteStreamThatIsCounted() {
		long before = this.jdbc
			.queryForObject("SELECT COALESCE(SUM(reads_total) + SUM(writes_total), 0) FROM file_heat", Long.class);
		ByteArrayOutputStream out = new ByteArrayOutputStream();
		ByteArrayOutputStream err = new ByteArrayOutputStream();
		System.setProperty("spring.datasource.url", url);
		System.setProperty("KAFKA_BOOTSTRAP", stack.kafkaBootstrap());
		try {
			int code = StreamCommands.run(
					new String[] { "simulate", "--events", "300", "--rate", "0", "--skew", "0.9", "--seed", "7" },
					new PrintStream(out, true), new PrintStream(err, true));
			assertThat(code).as(err.toString()).isZero();
			int objects = this.jdbc.queryForObject("SELECT COUNT(*) FROM file_meta", Integer.class);
			assertThat(out.toString()).contains("simulate: 300 events over " + objects + " objects", "sent 300 events");
			assertThat(StreamCommands.run(new String[] { "simulate", "--events", "many" }, new PrintStream(out),
					new PrintStream(err, true)))
				.isEqualTo(2);
			assertThat(err.toString()).contains("simulate: --events must be a whole number (got 'many')");
			assertThat(StreamCommands.run(new String[] { "decay" }, new PrintStream(out), new PrintStream(err, true)))
				.isEqualTo(2);
			assertThat(err.toString()).contains("use 'decay --once'");
			assertThat(StreamCommands.run(new String[] { "decay", "--once" }, new PrintStream(out, true),
					new PrintStream(err, true)))
				.isZero();
			assertThat(out.toString()).contains("decay: cooled");
		}
		finally {
			System.clearProperty("spring.datasource.url");
			System.clearProperty("KAFKA_BOOTSTRAP");
		}
		await().atMost(Duration.ofSeconds(30))
			.until(() -> this.jdbc.queryForObject(
					"SELECT COALESCE(SUM(reads_total) + SUM(writes_total), 0) FROM file_heat",
					Long.class) >= before + 300);
	}

	@Test
	void commandsSayInOneLineThatKafkaDoesNotAnswer() {
		ByteArrayOutputStream out = new ByteArrayOutputStream();
		ByteArrayOutputStream err = new ByteArrayOutputStream();
		System.setProperty("spring.datasource.url", url);
		// Nothing listens there; the commands' question to Kafka gives up after a second,
		// not 5.
		System.setProperty("KAFKA_BOOTSTRAP", "127.0.0.1:1");
		System.setProperty("spring.kafka.admin.operation-timeout", "1s");
		System.setProperty("spring.kafka.producer.properties.max.block.ms", "1000");
		try {
			int simulate = StreamCommands.run(new String[] { "simulate", "--events", "5", "--rate", "0" },
					new PrintStream(out, true), new PrintStream(err, true));
			assertThat(simulate).isEqualTo(1);
			assertThat(err.toString().lines().toList()).singleElement()
				.asString()
				.startsWith("simulate: Kafka at 127.0.0.1:1 does not answer (")
				.endsWith("); is it running? (scripts/dev-up starts one; KAFKA_BOOTSTRAP says where it is)");
			assertThat(out.toString()).doesNotContain("simulate: sent");
			err.reset();
			int replay = StreamCommands.run(new String[] { "replay-dlq" }, new PrintStream(out, true),
					new PrintStream(err, true));
			assertThat(replay).isEqualTo(1);
			assertThat(err.toString().lines().toList()).singleElement()
				.asString()
				.startsWith("replay-dlq: Kafka at 127.0.0.1:1 does not answer (");
		}
		finally {
			System.clearProperty("spring.datasource.url");
			System.clearProperty("KAFKA_BOOTSTRAP");
			System.clearProperty("spring.kafka.admin.operation-timeout");
			System.clearProperty("spring.kafka.producer.properties.max.block.ms");
		}
	}

	private static String header(ConsumerRecord<String, byte[]> record, String name) {
		return new String(record.headers().lastHeader(name).value(), StandardCharsets.UTF_8);
	}

	private static byte[] event(String key, AccessOp op) {
		return AccessEventCodec
			.toJson(new AccessEvent(UUID.randomUUID().toString(), key, op, 10, Instant.now(), "test"));
	}

	private static List<ConsumerRecord<String, byte[]>> readAll(String topic, int atLeast) {
		List<ConsumerRecord<String, byte[]>> records = new ArrayList<>();
		try (KafkaConsumer<String, byte[]> consumer = committedReader()) {
			consumer.subscribe(List.of(topic));
			long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
			while (records.size() < atLeast && System.nanoTime() < deadline) {
				consumer.poll(Duration.ofMillis(300)).forEach(records::add);
			}
		}
		return records;
	}

	private static KafkaConsumer<String, byte[]> committedReader() {
		return new KafkaConsumer<>(
				Map.of("bootstrap.servers", stack.kafkaBootstrap(), "group.id", "test-" + UUID.randomUUID(),
						"auto.offset.reset", "earliest", "isolation.level", "read_committed"),
				new StringDeserializer(), new ByteArrayDeserializer());
	}

	private String metrics() throws Exception {
		return HttpClient.newHttpClient()
			.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + this.port + "/metrics")).build(),
					HttpResponse.BodyHandlers.ofString())
			.body();
	}

}
