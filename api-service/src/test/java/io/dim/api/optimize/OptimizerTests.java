package io.dim.api.optimize;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import io.dim.api.support.Http;
import io.dim.api.support.TestJobs;
import io.dim.api.support.TestStack;
import io.dim.localstack.LocalStack;
import io.dim.model.stream.HeatChanged;
import io.dim.model.stream.Topics;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The optimizer end to end on real S3 endpoints, Kafka and SQLite: single and bulk
 * decisions with their migration jobs, explanations, the encryption policy, degradation
 * when endpoints fail, coalesced re-optimization from dim.heat, and the metrics.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class OptimizerTests {

	static final int OBJECTS = 12;

	static final LocalStack stack = TestStack.startAll();

	static final JsonMapper JSON = JsonMapper.builder().build();

	@DynamicPropertySource
	static void properties(DynamicPropertyRegistry registry) {
		TestStack.register(registry, stack, OBJECTS, 256 * 1024);
		registry.add("dim.placement.reoptimize-delay", () -> "1s");
		// Jobs are only recorded here: a background migrator would move replicas between
		// the steps that look for an object without one on some endpoint.
		registry.add("dim.migrator.scheduler-enabled", () -> "false");
	}

	@AfterAll
	static void stopStack() throws Exception {
		stack.close();
	}

	@LocalServerPort
	int port;

	@Autowired
	JdbcTemplate jdbc;

	Http http;

	@BeforeEach
	void bootstrapOnce() {
		this.http = new Http(this.port).bootstrapOnce();
	}

	@Test
	void featuresReadByKeyAreTheFeaturesOfTheFullScan(@Autowired ObjectFactsReader facts,
			@Autowired ObjectFeaturesReader features) {
		List<ObjectFacts> all = facts.all();
		long hour = 3_600_000;
		long now = System.currentTimeMillis() / hour * hour;
		// Two objects with a history (the hour keys make these rows this test's own).
		for (int i = 0; i < 2; i++) {
			for (int h = 1; h <= 5; h++) {
				this.jdbc.update(
						"INSERT INTO access_bucket (object_key, bucket_start, reads, writes, bytes) "
								+ "VALUES (?, ?, ?, ?, 0) ON CONFLICT (object_key, bucket_start) DO NOTHING",
						all.get(i).key(), now - h * hour - 7, 10L * h + i, i);
			}
		}
		Map<String, io.dim.model.features.Features> scanned = features.read(all, now, false);
		assertThat(features.read(all, now, true)).isEqualTo(scanned);
		assertThat(features.read(all.subList(1, 2), now, true))
			.containsExactlyEntriesOf(Map.of(all.get(1).key(), scanned.get(all.get(1).key())));
		assertThat(scanned.get(all.get(0).key())).isNotEqualTo(scanned.get(all.get(2).key()));
	}

	@Test
	@Order(1)
	void aHotObjectMovesToServeWithinTheSlaAndGetsOnePendingJob() {
		String key = keyWithout("azure");
		makeHot(key);
		assertThat(this.http.post(path("/optimize/", key), null).status()).isEqualTo(401);

		JsonNode decision = this.http.post(path("/optimize/", key), Http.API_KEY).json();
		assertThat(decision.get("tier").asString()).isEqualTo("hot");
		// Serving from azure (60 ms, cheapest egress within the 100 ms SLA) with the
		// cheapest storage (gcp) as the second replica.
		assertThat(decision.get("serving").asString()).isEqualTo("azure");
		assertThat(strings(decision.get("endpoints"))).containsExactly("azure", "gcp");
		assertThat(decision.get("move").asBoolean()).isTrue();
		assertThat(decision.get("why").asString()).startsWith("moved: saves");
		assertThat(decision.get("monthlyCostAfter").asDouble())
			.isLessThan(decision.get("monthlyCostBefore").asDouble());
		long jobId = decision.get("jobId").asLong();
		Map<String, Object> job = this.jdbc.queryForMap("SELECT * FROM migration_job WHERE id = ?", jobId);
		assertThat(job.get("state")).isEqualTo("PENDING");
		assertThat(job.get("target_endpoints")).isEqualTo("azure,gcp");
		List<String> copyTargets = this.jdbc.queryForList(
				"SELECT target_endpoint FROM migration_task WHERE job_id = ? AND kind = 'COPY' ORDER BY 1",
				String.class, jobId);
		Set<String> missing = new TreeSet<>(Set.of("azure", "gcp"));
		missing.removeAll(replicasOf(key));
		assertThat(copyTargets).containsExactlyElementsOf(missing);
		// The copies first wait for a read to carry them (dim.migrator.copy-on-read-wait,
		// 5 minutes by default).
		long created = ((Number) job.get("created_at")).longValue();
		assertThat(this.jdbc.queryForList("SELECT read_wait_until FROM migration_task WHERE job_id = ?", Long.class,
				jobId))
			.containsOnly(created + java.time.Duration.ofMinutes(5).toMillis());
		String explanation = this.jdbc.queryForObject("SELECT explanation FROM placement_decision WHERE id = ?",
				String.class, decision.get("decisionId").asLong());
		assertThat(explanation)
			.contains("\"copiesWaitForReadUntil\":" + (created + java.time.Duration.ofMinutes(5).toMillis()));
		// Nothing moved yet (the migrator executes jobs): the replicas are as they were.
		assertThat(replicasOf(key)).doesNotContain("azure");

		// Asking again while the job is pending creates no second job.
		JsonNode again = this.http.post(path("/optimize/", key), Http.API_KEY).json();
		assertThat(again.get("jobId").isNull()).isTrue();
		assertThat(again.get("waitingForJob").asLong()).isEqualTo(jobId);
		assertThat(
				this.jdbc.queryForObject("SELECT COUNT(*) FROM migration_job WHERE object_key = ?", Integer.class, key))
			.isOne();
	}

	@Test
	@Order(2)
	void explainShowsEveryEndpointTheBindingConstraintsTheRunnerUpAndTheModel() {
		String key = keyWithout("azure");
		makeHot(key);
		JsonNode explanation = this.http.get(path("/explain/", key)).json();
		assertThat(explanation.get("tier").get("tier").asString()).isEqualTo("hot");
		// No ml-service: the heat bands decide, and the explanation says why.
		assertThat(explanation.get("tier").get("source").asString()).startsWith(
				"heat bands (ml-service not used: ml-service at " + TestStack.NO_ML_SERVICE + "/ is unreachable");
		assertThat(explanation.get("tier").get("why").asString()).contains("hot band").contains("ml-service not used");
		assertThat(explanation.get("tier").get("ml").isNull()).isTrue();
		assertThat(explanation.get("latencyBoundMs").asDouble()).isEqualTo(100);
		assertThat(explanation.get("predictedReadsBasis").asString())
			.matches("heat [0-9.]+ with a half-life of [0-9]+ (second|minute|hour|day)s? is about .*");
		assertThat(explanation.get("endpoints")).hasSize(3);
		for (JsonNode endpoint : explanation.get("endpoints")) {
			assertThat(endpoint.get("storageCost").asDouble()).isPositive();
			assertThat(endpoint.get("canServe").asBoolean()).isEqualTo(endpoint.get("latencyMs").asDouble() <= 100);
		}
		assertThat(strings(explanation.get("chosen").get("endpoints"))).containsExactly("azure", "gcp");
		assertThat(explanation.get("bindingConstraints").get(0).asString())
			.isEqualTo("exactly 2 distinct replica(s) (REPLICATION_FACTOR)");
		assertThat(explanation.get("runnerUp").get("endpoints")).isNotEmpty();
		assertThat(strings(explanation.get("runnerUp").get("endpoints"))).isNotEqualTo(List.of("azure", "gcp"));
		assertThat(explanation.get("runnerUpExtraCost").asDouble()).isPositive();
		JsonNode model = explanation.get("model");
		assertThat(model.get("state").asString()).isEqualTo("OPTIMAL");
		assertThat(model.get("objectiveValue").asDouble()).isCloseTo(
				explanation.get("chosen").get("totalCost").asDouble(), org.assertj.core.api.Assertions.within(1e-9));
		assertThat(model.get("variables").findValuesAsString("name")).contains("x_aws", "s_aws", "x_gcp", "s_gcp");
		// gcp (150 ms) may hold a replica but not serve a hot object.
		assertThat(variable(model, "s_gcp").get("upper").asDouble()).isZero();
		assertThat(model.get("constraints").findValuesAsString("name")).contains("replicas", "one_serving");

		assertThat(this.http.get(path("/explain/", "no/such key")).status()).isEqualTo(404);
	}

	@Test
	@Order(3)
	void reoptimizeAllReportsProgressAndTheMonthlyCostBeforeAndAfter() {
		Http.Response response = this.http.post("/optimize", Http.API_KEY, "application/x-ndjson");
		assertThat(response.status()).isEqualTo(200);
		List<JsonNode> lines = response.body().lines().map(JSON::readTree).toList();
		assertThat(lines.get(0).has("progress")).isTrue();
		JsonNode report = lines.get(lines.size() - 1).get("report");
		assertThat(report.get("evaluated").asInt()).isEqualTo(OBJECTS);
		assertThat(report.get("changed").asInt()).isPositive();
		assertThat(report.get("degraded").asInt()).isZero();
		assertThat(report.get("monthlyCostAfter").asDouble())
			.isLessThanOrEqualTo(report.get("monthlyCostBefore").asDouble());

		JsonNode plain = this.http.post("/optimize", Http.API_KEY).json();
		assertThat(plain.get("evaluated").asInt()).isEqualTo(OBJECTS);
		// Jobs from the first run are still pending: no object gets a second one.
		assertThat(plain.get("jobsCreated").asInt()).isZero();
		assertThat(plain.get("waitingForJobs").asInt()).isEqualTo(plain.get("changed").asInt());
		assertThat(this.http.post("/optimize", null).status()).isEqualTo(401);
	}

	@Test
	@Order(4)
	void tierChangesOnKafkaAreReoptimizedCoalesced() throws Exception {
		double before = counter("dim_placement_evaluations_total");
		String key = keyWithout("aws");
		try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(
				Map.of("bootstrap.servers", stack.kafkaBootstrap()), new StringSerializer(),
				new ByteArraySerializer())) {
			for (int i = 0; i < 10; i++) {
				HeatChanged change = new HeatChanged(key, (i % 2 == 0) ? "warm" : "hot", (i % 2 == 0) ? "hot" : "warm",
						20, Instant.now());
				producer.send(new ProducerRecord<>(Topics.HEAT, key, JSON.writeValueAsBytes(change)));
			}
		}
		await().atMost(Duration.ofSeconds(30)).until(() -> counter("dim_placement_evaluations_total") > before);
		Thread.sleep(2500); // two more coalescing windows, for any stragglers
		double evaluations = counter("dim_placement_evaluations_total") - before;
		assertThat(evaluations).isBetween(1.0, 3.0);
	}

	@Test
	@Order(4)
	void aTierChangeLeftWaitingByAnInstanceThatStoppedIsReoptimized() {
		double before = counter("dim_placement_evaluations_total");
		String key = keyWithout("azure");
		int decisions = decisionsOf(key);
		// As an instance leaves a change it read from dim.heat (its offset committed)
		// when
		// it stops before its round.
		this.jdbc.update("INSERT INTO reoptimize_queue (object_key, added_at) VALUES (?, ?)", key,
				System.currentTimeMillis());
		await().atMost(Duration.ofSeconds(30))
			.until(() -> this.jdbc.queryForObject("SELECT COUNT(*) FROM reoptimize_queue WHERE object_key = ?",
					Integer.class, key) == 0);
		assertThat(counter("dim_placement_evaluations_total")).isGreaterThan(before);
		assertThat(decisionsOf(key)).isGreaterThan(decisions);
	}

	private int decisionsOf(String key) {
		return this.jdbc.queryForObject("SELECT COUNT(*) FROM placement_decision WHERE object_key = ?", Integer.class,
				key);
	}

	@Test
	@Order(5)
	void thePolicyIsValidatedPersistedAndReevaluatesObjectsOnUnencryptedEndpoints() {
		assertThat(this.http.get("/policy/security").json().get("enforceEncryption").asBoolean()).isFalse();
		assertThat(this.http.postJson("/policy/security", null, "{\"enforceEncryption\":true}").status())
			.isEqualTo(401);
		Http.Response missing = this.http.postJson("/policy/security", Http.API_KEY, "{}");
		assertThat(missing.status()).isEqualTo(400);
		assertThat(missing.json().get("detail").asString()).contains("enforceEncryption");
		Http.Response wrongType = this.http.postJson("/policy/security", Http.API_KEY,
				"{\"enforceEncryption\":\"maybe\"}");
		assertThat(wrongType.status()).isEqualTo(400);
		assertThat(wrongType.json().get("detail").asString()).startsWith("enforceEncryption:");
		assertThat(this.http.postJson("/policy/security", Http.API_KEY, "{not json").status()).isEqualTo(400);

		int onGcp = this.jdbc.queryForObject(
				"SELECT COUNT(DISTINCT object_key) FROM replica WHERE endpoint = 'gcp' AND state = 'VALID'",
				Integer.class);
		JsonNode on = this.http.postJson("/policy/security", Http.API_KEY, "{\"enforceEncryption\":true}").json();
		assertThat(on.get("enforceEncryption").asBoolean()).isTrue();
		assertThat(strings(on.get("excludedEndpoints"))).containsExactly("gcp");
		assertThat(on.get("reevaluated").get("evaluated").asInt()).isEqualTo(onGcp);
		assertThat(this.jdbc.queryForObject(
				"SELECT setting_value FROM system_setting WHERE setting_key = 'policy.enforce_encryption'",
				String.class))
			.isEqualTo("true");

		String key = keyWithout("azure");
		JsonNode explanation = this.http.get(path("/explain/", key)).json();
		JsonNode gcp = endpoint(explanation, "gcp");
		assertThat(gcp.get("eligible").asBoolean()).isFalse();
		assertThat(gcp.get("excludedBecause").asString()).contains("policy enforces encrypted destinations");
		assertThat(strings(explanation.get("chosen").get("endpoints"))).containsExactly("aws", "azure");
		assertThat(explanation.get("why").asString()).isEqualTo("the current placement breaks a constraint: gcp is "
				+ "not eligible now (not encrypted, and the policy enforces encrypted destinations)");
	}

	@Test
	@Order(6)
	void withTooFewHealthyEncryptedEndpointsTheDecisionDegradesAndKeepsAReplica() throws Exception {
		this.http.postJson("/policy/security", Http.API_KEY, "{\"enforceEncryption\":true}");
		String key = keyWithout("azure");
		stack.stopEndpoint("aws");
		try {
			await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
				JsonNode decision = this.http.post(path("/optimize/", key), Http.API_KEY).json();
				assertThat(decision.get("degraded").asBoolean()).isTrue();
				assertThat(decision.get("degradedReason").asString())
					.isEqualTo("only 1 eligible endpoint(s) for a replication factor of 2");
				assertThat(strings(decision.get("endpoints"))).containsExactly("azure");
			});
			assertThat(counter("dim_placement_degraded_total")).isPositive();
			JsonNode explanation = this.http.get(path("/explain/", key)).json();
			assertThat(endpoint(explanation, "aws").get("excludedBecause").asString()).startsWith("unhealthy");
			assertThat(explanation.get("bindingConstraints").toString()).contains("degraded");
		}
		finally {
			this.http.postJson("/policy/security", Http.API_KEY, "{\"enforceEncryption\":false}");
		}
	}

	@Test
	@Order(7)
	void servesPlacementAndCatalogueMetrics() {
		await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
			String metrics = this.http.get("/metrics").body();
			assertThat(metrics).contains("dim_placement_evaluations_total", "dim_placement_evaluation_seconds_bucket",
					"dim_placement_degraded_total", "dim_tier_objects{", "tier=\"hot\"", "dim_tier_bytes{",
					"dim_endpoint_objects{", "endpoint=\"gcp\"", "dim_endpoint_bytes{");
		});
	}

	@Test
	@Order(8)
	void nothingIsDeletedWhileAnEndpointIsReallyDown() {
		// aws has been stopped since order 6: a real outage, not chaos.
		JsonNode status = this.http.get("/migrator/status").json();
		assertThat(status.get("deletesWaitForRecovery").asBoolean()).isTrue();
		assertThat(status.get("deletesWaitReason").asString()).startsWith("endpoint aws is down (");
		// A surplus replica's delete, due now: it waits instead of running.
		String key = keyWithout("aws");
		assertThat(replicasOf(key)).containsExactly("azure", "gcp");
		long job = TestJobs.insert(this.jdbc, key, "RUNNING", "azure", "DELETE", null, "gcp");
		try {
			JsonNode tick = this.http.post("/migrator/tick", Http.API_KEY).json();
			assertThat(tick.get("postponed").asInt()).isGreaterThanOrEqualTo(1);
			assertThat(this.jdbc.queryForObject("SELECT state FROM migration_task WHERE job_id = ?", String.class, job))
				.isEqualTo("PENDING");
			assertThat(this.jdbc.queryForObject("SELECT last_error FROM migration_task WHERE job_id = ?", String.class,
					job))
				.startsWith("waiting: endpoint aws is down (")
				.endsWith("; nothing is deleted meanwhile");
			assertThat(replicasOf(key)).containsExactly("azure", "gcp");
		}
		finally {
			this.jdbc.update("DELETE FROM migration_task WHERE job_id = ?", job);
			this.jdbc.update("DELETE FROM migration_job WHERE id = ?", job);
		}
	}

	private String keyWithout(String endpoint) {
		return this.jdbc.queryForList("SELECT object_key FROM file_meta ORDER BY object_key", String.class)
			.stream()
			.filter((key) -> !replicasOf(key).contains(endpoint))
			.findFirst()
			.orElseThrow();
	}

	private List<String> replicasOf(String key) {
		return this.jdbc.queryForList(
				"SELECT endpoint FROM replica WHERE object_key = ? AND state = 'VALID' ORDER BY endpoint", String.class,
				key);
	}

	private void makeHot(String key) {
		this.jdbc.update("DELETE FROM file_heat WHERE object_key = ?", key);
		this.jdbc.update("""
				INSERT INTO file_heat (object_key, heat, last_access_at, reads_total, writes_total, bytes_total,
				  heat_score, heat_at, tier) VALUES (?, 50, ?, 500, 0, 0, 50, ?, 'hot')""", key,
				System.currentTimeMillis(), System.currentTimeMillis());
	}

	private double counter(String name) {
		return this.http.get("/metrics")
			.body()
			.lines()
			.filter((line) -> line.startsWith(name + "{") || line.startsWith(name + " "))
			.mapToDouble((line) -> Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1)))
			.sum();
	}

	private static String path(String prefix, String key) {
		return prefix + URLEncoder.encode(key, StandardCharsets.UTF_8).replace("+", "%20");
	}

	private static List<String> strings(JsonNode array) {
		List<String> values = new ArrayList<>();
		array.forEach((node) -> values.add(node.asString()));
		return values;
	}

	private static JsonNode endpoint(JsonNode explanation, String name) {
		for (JsonNode endpoint : explanation.get("endpoints")) {
			if (endpoint.get("endpoint").asString().equals(name)) {
				return endpoint;
			}
		}
		throw new AssertionError("no endpoint " + name);
	}

	private static JsonNode variable(JsonNode model, String name) {
		for (JsonNode variable : model.get("variables")) {
			if (variable.get("name").asString().equals(name)) {
				return variable;
			}
		}
		throw new AssertionError("no variable " + name);
	}

}
