package io.dim.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.boot.webmvc.autoconfigure.WebMvcProperties;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import io.dim.api.support.Http;
import io.dim.api.support.TestStack;
import io.dim.localstack.LocalStack;
import io.dim.localstack.S3Endpoint;
import io.dim.model.db.WriteTransactions;
import io.dim.model.endpoint.EndpointConfig;
import io.dim.model.file.FileHeat;
import io.dim.model.file.FileHeatRepository;
import io.dim.model.file.FileMeta;
import io.dim.model.file.FileMetaRepository;
import io.dim.model.file.Replica;
import io.dim.model.file.ReplicaRepository;
import io.dim.model.file.ReplicaState;
import io.dim.model.security.AccessTable;
import io.dim.model.security.Route;
import io.dim.model.stream.Topics;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.S3Object;
import tools.jackson.databind.JsonNode;

/**
 * Tests for api-service end to end: bootstrap, files, endpoints, health, metrics, API key
 * and secret hygiene, against real S3 endpoints (S3Proxy) and a SQLite database.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ExtendWith(OutputCaptureExtension.class)
class ApiServiceTests {

	static final int OBJECTS = 12;

	static final LocalStack stack = TestStack.startAll();

	@DynamicPropertySource
	static void properties(DynamicPropertyRegistry registry) {
		TestStack.register(registry, stack, OBJECTS, 256 * 1024);
	}

	@AfterAll
	static void stopStack() throws Exception {
		stack.close();
	}

	@LocalServerPort
	int port;

	@Autowired
	FileMetaRepository files;

	@Autowired
	ReplicaRepository replicas;

	@Autowired
	FileHeatRepository heats;

	@Autowired
	WriteTransactions writeTransactions;

	@Autowired
	org.springframework.jdbc.core.JdbcTemplate jdbc;

	@Autowired
	AccessTable accessTable;

	Http http;

	@BeforeEach
	void bootstrapOnce() {
		this.http = new Http(this.port).bootstrapOnce();
	}

	@Test
	void bootstrapUploadsVerifiedReplicasMeetingTheReplicationFactor() throws Exception {
		List<FileMeta> all = this.files.findAll();
		assertThat(all).hasSize(OBJECTS);
		assertThat(all).extracting(FileMeta::getObjectKey)
			.contains("reports/Q3 summary 002.csv", "données/été-005.csv", "日本/データ-007.bin");
		assertThat(all).extracting(FileMeta::getContentType)
			.contains("text/plain", "application/json", "text/csv", "image/png", "application/octet-stream");
		assertThat(all).extracting(FileMeta::getSizeBytes).contains(1024L, 256L * 1024);
		for (FileMeta file : all) {
			List<Replica> copies = this.replicas.findByObjectKeyOrderByEndpoint(file.getObjectKey());
			assertThat(copies).hasSize(2).allSatisfy((replica) -> {
				assertThat(replica.getState()).isEqualTo(ReplicaState.VALID);
				assertThat(replica.getVerifiedAt()).isNotNull();
			});
			for (Replica replica : copies) {
				assertThat(sha256(replica.getEndpoint(), file.getObjectKey())).as(replica.getEndpoint())
					.isEqualTo(file.getSha256());
			}
		}
		// Spread over all endpoints, not piled on one.
		assertThat(this.replicas.usageByEndpoint()).hasSize(3);
	}

	@Test
	void bootstrapTwiceChangesNothing() {
		Map<String, Object> before = snapshot();
		Http.Response second = this.http.post("/admin/bootstrap", Http.API_KEY);
		assertThat(second.status()).isEqualTo(200);
		JsonNode report = second.json();
		assertThat(report.get("created").asInt()).isZero();
		assertThat(report.get("unchanged").asInt()).isEqualTo(OBJECTS);
		assertThat(report.get("bytesUploaded").asLong()).isZero();
		assertThat(snapshot()).isEqualTo(before);
	}

	@Test
	void bootstrapRestoresARecordedReplicaThatVanished() throws Exception {
		FileMeta file = this.files.findById("data/events-001.json").orElseThrow();
		Replica replica = this.replicas.findByObjectKeyOrderByEndpoint(file.getObjectKey()).get(0);
		EndpointConfig endpoint = endpoint(replica.getEndpoint());
		try (S3Client s3 = s3(endpoint)) {
			s3.deleteObject((d) -> d.bucket(endpoint.bucket()).key(file.getObjectKey()));
		}
		JsonNode report = this.http.post("/admin/bootstrap", Http.API_KEY).json();
		assertThat(report.get("restored").asInt()).isOne();
		assertThat(sha256(replica.getEndpoint(), file.getObjectKey())).isEqualTo(file.getSha256());
	}

	@Test
	void bootstrapStreamsProgressAsNdjson() {
		Http.Response response = this.http.post("/admin/bootstrap", Http.API_KEY, "application/x-ndjson");
		assertThat(response.contentType()).startsWith("application/x-ndjson");
		String[] lines = response.body().split("\n");
		assertThat(lines).hasSize(OBJECTS + 1);
		assertThat(lines[0]).contains("\"done\":1", "\"total\":" + OBJECTS);
		assertThat(lines[OBJECTS]).startsWith("{\"report\"");
	}

	/**
	 * Without an outer bound longer than the longest streamed operation (a drain of up to
	 * 3600 s), the servlet container's default cut every progress stream after 30 s
	 * (measured: a stream of a line every 4 s for 40 s was ended at 30 s, with an
	 * AsyncRequestTimeoutException in the log).
	 */
	@Test
	void answersStreamedWithProgressOutlastTheLongestOperation(@Autowired WebMvcProperties mvc) {
		assertThat(mvc.getAsync().getRequestTimeout()).isGreaterThan(Duration.ofSeconds(3600));
	}

	@Test
	void mutatingRequestsNeedTheApiKey() {
		Http.Response missing = this.http.post("/admin/bootstrap", null);
		assertThat(missing.status()).isEqualTo(401);
		assertThat(missing.contentType()).startsWith("application/problem+json");
		assertThat(missing.json().get("detail").asString()).contains("X-API-Key");
		assertThat(this.http.post("/admin/bootstrap", "wrong").status()).isEqualTo(401);
		assertThat(this.http.get("/files").status()).isEqualTo(200);
	}

	@Test
	void listsFilesInPagesWithTotals() {
		JsonNode page = this.http.get("/files?size=5&page=2").json();
		assertThat(page.get("total").asLong()).isEqualTo(OBJECTS);
		assertThat(page.get("totalPages").asLong()).isEqualTo(3);
		assertThat(page.get("items")).hasSize(2);
		List<String> keys = new ArrayList<>();
		for (int p = 0; p < 3; p++) {
			this.http.get("/files?size=5&page=" + p)
				.json()
				.get("items")
				.forEach((i) -> keys.add(i.get("key").asString()));
		}
		assertThat(keys).hasSize(OBJECTS).isSorted().doesNotHaveDuplicates();
		JsonNode item = page.get("items").get(0);
		assertThat(item.get("replicas")).hasSize(2);
		assertThat(item.get("tier").asString()).isEqualTo("cold");
		assertThat(item.has("heat") && item.has("reads") && item.has("writes") && item.has("lastAccess")).isTrue();
	}

	@Test
	void sortsBySizeAndHeatAndFiltersByEndpointAndTier() {
		List<Long> sizes = new ArrayList<>();
		this.http.get("/files?sort=size&size=100")
			.json()
			.get("items")
			.forEach((i) -> sizes.add(i.get("size").asLong()));
		assertThat(sizes).hasSize(OBJECTS).isSortedAccordingTo((a, b) -> Long.compare(b, a));

		JsonNode onGcp = this.http.get("/files?endpoint=gcp&size=100").json();
		assertThat(onGcp.get("total").asLong()).isBetween(1L, (long) OBJECTS - 1);
		onGcp.get("items").forEach((i) -> assertThat(i.get("replicas").toString()).contains("\"gcp\""));

		// In a write transaction: save() reads first, as deleteAll() would (below).
		this.writeTransactions.run(() -> {
			this.heats.save(new FileHeat("logs/app-000.log", 55.0, Instant.now(), 60, 1, 1000, "hot"));
			this.heats.save(new FileHeat("data/events-001.json", 5.0, Instant.now(), 6, 0, 100, "warm"));
		});
		JsonNode hot = this.http.get("/files?tier=hot").json();
		assertThat(hot.get("total").asLong()).isOne();
		assertThat(hot.get("items").get(0).get("key").asString()).isEqualTo("logs/app-000.log");
		assertThat(hot.get("items").get(0).get("reads").asLong()).isEqualTo(60);
		assertThat(this.http.get("/files?tier=WARM").json().get("total").asLong()).isOne();
		assertThat(this.http.get("/files?tier=cold").json().get("total").asLong()).isEqualTo(OBJECTS - 2);
		// Key search: a substring, any case; % and _ are literal.
		JsonNode logs = this.http.get("/files?q=APP-000&size=100").json();
		assertThat(logs.get("total").asLong()).isOne();
		assertThat(logs.get("items").get(0).get("key").asString()).isEqualTo("logs/app-000.log");
		assertThat(this.http.get("/files?q=%25&size=100").json().get("total").asLong()).isZero();
		assertThat(this.http.get("/files?q=" + "x".repeat(300)).status()).isEqualTo(400);
		JsonNode byHeat = this.http.get("/files?sort=heat").json().get("items");
		assertThat(byHeat.get(0).get("key").asString()).isEqualTo("logs/app-000.log");
		assertThat(byHeat.get(1).get("key").asString()).isEqualTo("data/events-001.json");
		// One DELETE: deleteAll() reads, then writes, and such a transaction fails
		// when a background writer commits in between (SQLITE_BUSY_SNAPSHOT; see
		// WriteTransactions).
		this.heats.deleteAllInBatch();

		// Access history: the latest buckets, oldest first.
		for (int hour = 0; hour < 3; hour++) {
			this.jdbc.update(
					"INSERT INTO access_bucket (object_key, bucket_start, reads, writes, bytes) VALUES (?, ?, ?, ?, 0)",
					"logs/app-000.log", 3_600_000L * hour, 10 + hour, hour);
		}
		JsonNode history = this.http.get("/files/logs%2Fapp-000.log/history?buckets=2").json();
		assertThat(history).hasSize(2);
		assertThat(history.get(0).get("reads").asLong()).isEqualTo(11);
		assertThat(history.get(1).get("reads").asLong()).isEqualTo(12);
		assertThat(history.get(1).get("writes").asLong()).isEqualTo(2);
		assertThat(this.http.get("/files/logs%2Fapp-000.log/history?buckets=0").json().get("detail").asString())
			.contains("buckets");
		assertThat(this.http.get("/files/no-such-key/history").status()).isEqualTo(404);
		this.jdbc.update("DELETE FROM access_bucket");
	}

	@Test
	void rejectsBadParametersNamingThem() {
		Map<String, String> cases = Map.of("/files?page=-1", "page", "/files?size=0", "size", "/files?size=5000",
				"size", "/files?sort=colour", "sort", "/files?order=up", "order", "/files?tier=lukewarm", "tier",
				"/files?page=abc", "page");
		cases.forEach((path, parameter) -> {
			Http.Response response = this.http.get(path);
			assertThat(response.status()).as(path).isEqualTo(400);
			assertThat(response.contentType()).as(path).startsWith("application/problem+json");
			assertThat(response.json().get("detail").asString()).as(path).contains(parameter);
		});
		// A parameter of the wrong type says what it must be, in the same form.
		Http.Response notANumber = this.http.get("/files?size=abc");
		assertThat(notANumber.json().get("detail").asString())
			.isEqualTo("parameter 'size' must be a whole number (got 'abc')");
		assertThat(notANumber.json().get("parameter").asString()).isEqualTo("size");
		Http.Response missing = this.http.post("/chaos/latency/aws", Http.API_KEY);
		assertThat(missing.status()).isEqualTo(400);
		assertThat(missing.json().get("detail").asString()).isEqualTo("parameter 'ms' is required (a whole number)");
		assertThat(missing.json().get("parameter").asString()).isEqualTo("ms");
		// What fails before any controller is problem JSON too (Boot's error page said
		// only {"status":400,"error":"Bad Request"}).
		Http.Response undecodable = this.http.get("/files?q=%ff");
		assertThat(undecodable.status()).isEqualTo(400);
		assertThat(undecodable.contentType()).startsWith("application/problem+json");
		assertThat(undecodable.json().get("detail").asString()).startsWith("the request could not be read")
			.contains("URL encoding");
		assertThat(undecodable.json().get("instance").asString()).isEqualTo("/files");
		// And what Tomcat refuses before the service sees it (was Tomcat's HTML page).
		Http.Response nul = this.http.get("/files/a%00b");
		assertThat(nul.status()).isEqualTo(400);
		assertThat(nul.contentType()).startsWith("application/problem+json");
		assertThat(nul.json().get("detail").asString()).contains("refused the request before it reached the service")
			.contains("%00");
		Http.Response errorPage = this.http.get("/error", Http.API_KEY);
		assertThat(errorPage.status()).isEqualTo(404);
		assertThat(errorPage.json().get("detail").asString()).startsWith("no route GET /error on this service");
		// A body that is not JSON, and JSON of another shape, are told apart.
		assertThat(this.http.postJson("/policy/security", Http.API_KEY, "{").json().get("detail").asString())
			.isEqualTo("the request body must be valid JSON");
		Http.Response array = this.http.postJson("/policy/security", Http.API_KEY, "[1]");
		assertThat(array.status()).isEqualTo(400);
		assertThat(array.json().get("detail").asString())
			.isEqualTo("the request body must be a JSON object with the fields this route takes (see /docs)");
		Http.Response unknownEndpoint = this.http.get("/files?endpoint=nowhere");
		assertThat(unknownEndpoint.status()).isEqualTo(404);
		assertThat(unknownEndpoint.json().get("detail").asString()).contains("nowhere");
	}

	@Test
	void showsOneFileWithItsReplicasEvenWithSlashesAndUnicodeInTheKey() {
		String key = "données/été-005.csv";
		Http.Response response = this.http
			.get("/files/" + URLEncoder.encode(key, StandardCharsets.UTF_8).replace("+", "%20"));
		assertThat(response.status()).isEqualTo(200);
		JsonNode file = response.json();
		assertThat(file.get("key").asString()).isEqualTo(key);
		assertThat(file.get("sha256").asString()).hasSize(64);
		assertThat(file.get("replicas")).hasSize(2);
		assertThat(file.get("replicas").get(0).get("state").asString()).isEqualTo("VALID");

		Http.Response missing = this.http.get("/files/no-such-key");
		assertThat(missing.status()).isEqualTo(404);
		assertThat(missing.contentType()).startsWith("application/problem+json");
		assertThat(missing.json().get("detail").asString()).contains("no-such-key");
	}

	@Test
	void listsEndpointsWithHealthAndUsageButNoCredentials() {
		JsonNode endpoints = this.http.get("/endpoints").json();
		assertThat(endpoints).hasSize(3);
		long objects = 0;
		for (JsonNode endpoint : endpoints) {
			assertThat(endpoint.get("health").asString()).isEqualTo("UP");
			assertThat(endpoint.has("secretKey") || endpoint.has("secret_key") || endpoint.has("accessKey")).isFalse();
			objects += endpoint.get("objects").asLong();
		}
		assertThat(objects).isEqualTo(OBJECTS * 2L);
		assertThat(endpoints.get(2).get("encrypted").asBoolean()).isFalse();
		assertThat(this.http.get("/endpoints/aws").json().get("latencyMs").asDouble()).isEqualTo(20.0);
		assertThat(this.http.get("/endpoints/mars").status()).isEqualTo(404);
	}

	@Test
	void servesHealthMetricsAndApiDocs() {
		JsonNode health = this.http.get("/health").json();
		assertThat(health.get("status").asString()).isEqualTo("UP");
		assertThat(health.get("components").has("db")).isTrue();
		assertThat(health.get("components").get("endpoints").get("details").get("aws").asString()).isEqualTo("UP");
		Http.Response metrics = this.http.get("/metrics");
		assertThat(metrics.status()).isEqualTo(200);
		assertThat(metrics.body()).contains("jvm_memory_used_bytes", "http_server_requests_seconds");
		assertThat(this.http.get("/v3/api-docs").body()).contains("/files", "/endpoints", "/admin/bootstrap");
		assertThat(this.http.get("/docs").status()).isIn(200, 302);
		assertThat(this.http.get("/swagger-ui/index.html").status()).isEqualTo(200);
	}

	/**
	 * The endpoints run with unique canary secrets: no API response (every route of the
	 * access table, without a key, with the read key and with the admin key where that
	 * only errs, errors included), no metric, no log line and no Kafka record carries
	 * one. (MigratorTests checks the argv and output of the tools; the dev-up smoke test
	 * checks the dashboard's pages.)
	 */
	@Test
	void secretKeysNeverLeaveTheProcess(CapturedOutput output) {
		List<String> bodies = new ArrayList<>();
		for (String path : List.of("/files", "/files?size=1000", "/endpoints", "/endpoints/gcp", "/health", "/metrics",
				"/v3/api-docs", "/files/nothing", "/files?page=-3", "/endpoints/nope", "/actuator/env",
				"/actuator/configprops", "/env", "/configprops")) {
			bodies.add(this.http.get(path).body());
		}
		String aKey = this.files.findAll().get(0).getObjectKey().replace("/", "%2F");
		for (Route route : this.accessTable.routes()) {
			boolean read = route.method().name().equals("GET");
			String path = route.pattern()
				.replace("/**", "/x")
				.replace("{key}", read ? aKey : "no-such-object")
				.replace("{name}", "gcp")
				.replaceAll("\\{[^}]+}", "1");
			boolean onlyErrs = route.pattern().contains("{") || route.pattern().startsWith("/tools/")
					|| route.pattern().equals("/policy/security") || route.pattern().equals("/simulate");
			if (read) {
				bodies.add(this.http.get(path, null).body());
				bodies.add(this.http.get(path, Http.READ_KEY).body());
				bodies.add(this.http.get(path, Http.API_KEY).body());
			}
			else {
				bodies.add(this.http.post(path, null).body());
				bodies.add(this.http.post(path, Http.READ_KEY).body());
				// Admin calls only where they fail (no body, unknown id): the others
				// start work other tests here count on.
				if (onlyErrs && !route.pattern().equals("/chaos/fail/{name}")) {
					bodies.add(this.http.post(path, Http.API_KEY).body());
				}
			}
		}
		bodies.add(this.http.post("/admin/bootstrap", "bad-key").body());
		bodies.add(this.http.post("/admin/bootstrap", Http.API_KEY).body());
		bodies.addAll(this.http.seenBodies());
		assertThat(bodies).hasSizeGreaterThan(100)
			.allSatisfy((body) -> assertThat(body).doesNotContain(TestStack.CANARY));
		assertThat(output.getAll()).doesNotContain(TestStack.CANARY);
		assertThat(kafkaRecords()).isNotEmpty().allSatisfy((text) -> assertThat(text).doesNotContain(TestStack.CANARY));
	}

	/** Every record (key, value and headers) on the product's topics, as text. */
	private List<String> kafkaRecords() {
		this.http.post("/simulate?events=5&key=" + this.files.findAll().get(0).getObjectKey().replace("/", "%2F"),
				Http.API_KEY);
		List<String> records = new ArrayList<>();
		try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(Map.of("bootstrap.servers",
				stack.kafkaBootstrap(), "group.id", "canary-" + UUID.randomUUID(), "auto.offset.reset", "earliest"),
				new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
			consumer.subscribe(List.of(Topics.ACCESS, Topics.ACCESS_DLQ, Topics.HEAT, Topics.S3_EVENTS));
			int empty = 0;
			long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
			while ((records.isEmpty() || empty < 3) && System.nanoTime() < deadline) {
				var batch = consumer.poll(Duration.ofMillis(500));
				empty = batch.isEmpty() ? empty + 1 : 0;
				batch.forEach((r) -> {
					StringBuilder text = new StringBuilder();
					text.append((r.key() != null) ? new String(r.key(), StandardCharsets.UTF_8) : "").append(' ');
					text.append((r.value() != null) ? new String(r.value(), StandardCharsets.UTF_8) : "");
					r.headers()
						.forEach((h) -> text.append(' ')
							.append(h.key())
							.append('=')
							.append(new String(h.value(), StandardCharsets.UTF_8)));
					records.add(text.toString());
				});
			}
		}
		return records;
	}

	@Test
	void simulatePublishesABurstToTheAccessTopic() {
		String key = "images/photo 003.png";
		Http.Response response = this.http
			.post("/simulate?events=100&key=" + URLEncoder.encode(key, StandardCharsets.UTF_8), Http.API_KEY);
		assertThat(response.status()).as(response.body()).isEqualTo(200);
		assertThat(response.json().get("events").asInt()).isEqualTo(100);
		List<String> keys = new ArrayList<>();
		// Committed as one transaction: what stream-service (read_committed) sees.
		try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(
				Map.of("bootstrap.servers", stack.kafkaBootstrap(), "group.id", "test-" + UUID.randomUUID(),
						"auto.offset.reset", "earliest", "isolation.level", "read_committed"),
				new StringDeserializer(), new ByteArrayDeserializer())) {
			consumer.subscribe(List.of(Topics.ACCESS));
			long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
			while (keys.size() < 100 && System.nanoTime() < deadline) {
				consumer.poll(Duration.ofMillis(300)).forEach((r) -> {
					assertThat(new String(r.value(), StandardCharsets.UTF_8)).contains("\"op\":\"READ\"",
							"\"source\":\"api-burst\"");
					keys.add(r.key());
				});
			}
		}
		assertThat(keys).hasSize(100).containsOnly(key);

		assertThat(this.http.post("/simulate?key=nope&events=5", Http.API_KEY).status()).isEqualTo(404);
		Http.Response tooMany = this.http.post("/simulate?key=x&events=100001", Http.API_KEY);
		assertThat(tooMany.status()).isEqualTo(400);
		assertThat(tooMany.json().get("detail").asString()).contains("events");
		assertThat(this.http.post("/simulate?key=x&events=0", Http.API_KEY).status()).isEqualTo(400);
		Http.Response noKey = this.http.post("/simulate?events=5", Http.API_KEY);
		assertThat(noKey.status()).isEqualTo(400);
		assertThat(noKey.json().get("detail").asString()).contains("key");
		assertThat(this.http.post("/simulate?key=" + URLEncoder.encode(key, StandardCharsets.UTF_8), null).status())
			.isEqualTo(401);
	}

	@Test
	void countsTierChangesFromTheHeatTopic() throws Exception {
		try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(
				Map.of("bootstrap.servers", stack.kafkaBootstrap()), new StringSerializer(),
				new ByteArraySerializer())) {
			producer.send(new ProducerRecord<>(Topics.HEAT, "logs/app-000.log",
					"{\"key\":\"logs/app-000.log\",\"from\":\"cold\",\"to\":\"hot\",\"heat\":25.0,\"at\":\"2026-11-24T10:00:00Z\"}"
						.getBytes(StandardCharsets.UTF_8)))
				.get();
		}
		Awaitility.await()
			.atMost(Duration.ofSeconds(30))
			.until(() -> this.http.get("/metrics")
				.body()
				.contains("dim_heat_changes_received_total{application=\"api-service\"} 1.0"));
	}

	private Map<String, Object> snapshot() {
		Map<String, Object> state = new HashMap<>();
		this.files.findAll()
			.forEach((f) -> state.put("file:" + f.getObjectKey(),
					f.getSha256() + f.getVersionToken() + f.getCreatedAt()));
		this.replicas.findAll()
			.forEach((r) -> state.put("replica:" + r.getObjectKey() + "@" + r.getEndpoint(),
					r.getState() + "" + r.getVerifiedAt()));
		for (EndpointConfig endpoint : stack.endpoints()) {
			try (S3Client s3 = s3(endpoint)) {
				for (S3Object object : s3.listObjectsV2Paginator((l) -> l.bucket(endpoint.bucket())).contents()) {
					state.put("s3:" + endpoint.name() + ":" + object.key(), object.eTag() + object.lastModified());
				}
			}
		}
		return state;
	}

	private String sha256(String endpointName, String key) throws Exception {
		EndpointConfig endpoint = endpoint(endpointName);
		try (S3Client s3 = s3(endpoint)) {
			byte[] bytes = s3.getObjectAsBytes((g) -> g.bucket(endpoint.bucket()).key(key)).asByteArray();
			return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
		}
	}

	private static EndpointConfig endpoint(String name) {
		return stack.endpoints().stream().filter((e) -> e.name().equals(name)).findFirst().orElseThrow();
	}

	private static S3Client s3(EndpointConfig endpoint) {
		return S3Endpoint.client(endpoint);
	}

}
