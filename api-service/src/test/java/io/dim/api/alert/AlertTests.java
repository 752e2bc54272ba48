package io.dim.api.alert;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;

import io.dim.api.support.Http;
import io.dim.api.support.TestJobs;
import io.dim.api.support.TestStack;
import io.dim.localstack.LocalStack;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The alert rules against real S3 endpoints, chaos and SQLite: each rule opens an alert
 * when its condition holds, keeps one per rule and subject, resolves it when the
 * condition clears, and the API filters, acknowledges and counts them.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class AlertTests {

	static final LocalStack stack = TestStack.startAll();

	@DynamicPropertySource
	static void properties(DynamicPropertyRegistry registry) {
		TestStack.register(registry, stack, 8, 64 * 1024);
		// The queue stays put; rounds run when a test asks (TestStack turns the schedule
		// off).
		registry.add("dim.migrator.scheduler-enabled", () -> "false");
		registry.add("dim.alerts.backlog-tasks", () -> "0");
		registry.add("dim.alerts.sla-min-requests", () -> "3");
		// Long enough for moving some cold objects off the most expensive endpoint to
		// pay.
		registry.add("dim.placement.horizon", () -> "365d");
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
		this.http.post("/chaos/clear", Http.API_KEY);
	}

	@Test
	void anEndpointDownOpensOneAlertThatCanBeAckedAndResolvesWhenItRecovers() {
		evaluate();
		assertThat(live("endpoint_down")).isEmpty();
		// The broker answers: no kafka_down (KafkaDownTests has none).
		assertThat(live("kafka_down")).isEmpty();
		assertThat(this.http.metric("dim_kafka_up{application=\"api-service\"}")).isEqualTo(1);
		assertThat(this.http.post("/chaos/fail/gcp", Http.API_KEY).status()).isEqualTo(200);
		evaluate();
		evaluate();
		List<JsonNode> down = live("endpoint_down");
		assertThat(down).hasSize(1);
		JsonNode alert = down.get(0);
		assertThat(alert.get("subject").asString()).isEqualTo("gcp");
		assertThat(alert.get("severity").asString()).isEqualTo("critical");
		assertThat(alert.get("message").asString()).contains("gcp is down").contains("failed (chaos)");
		assertThat(this.http
			.metric("dim_alerts_open{application=\"api-service\",rule=\"endpoint_down\",severity=\"critical\"}"))
			.isEqualTo(1);
		assertThat(this.http.metric("dim_endpoint_up{application=\"api-service\",endpoint=\"gcp\"}")).isZero();

		long id = alert.get("id").asLong();
		assertThat(this.http.post("/alerts/" + id + "/ack", null).status()).isEqualTo(401);
		JsonNode acked = this.http.post("/alerts/" + id + "/ack", Http.API_KEY).json();
		assertThat(acked.get("state").asString()).isEqualTo("acked");
		assertThat(acked.get("ackedAt").isNull()).isFalse();
		assertThat(ids(this.http.get("/alerts?state=acked").json())).contains(id);
		assertThat(ids(this.http.get("/alerts?state=open").json())).doesNotContain(id);
		evaluate();
		assertThat(live("endpoint_down")).extracting((a) -> a.get("id").asLong()).containsExactly(id);

		this.http.post("/chaos/recover/gcp", Http.API_KEY);
		AlertEvaluator.Round round = this.http.post("/alerts/evaluate", Http.API_KEY).as(AlertEvaluator.Round.class);
		assertThat(round.resolved()).isGreaterThanOrEqualTo(1);
		assertThat(live("endpoint_down")).isEmpty();
		JsonNode resolved = find(this.http.get("/alerts?state=resolved").json(), id);
		assertThat(resolved.get("resolvedAt").isNull()).isFalse();
		assertThat(this.http
			.metric("dim_alerts_open{application=\"api-service\",rule=\"endpoint_down\",severity=\"critical\"}"))
			.isZero();
		assertThat(this.http.post("/alerts/" + id + "/ack", Http.API_KEY).status()).isEqualTo(409);
	}

	@Test
	void slowGetsBreakTheSla() {
		evaluate();
		assertThat(live("sla_latency")).isEmpty();
		String key = this.jdbc.queryForObject(
				"SELECT MIN(object_key) FROM replica WHERE endpoint = 'aws' AND state = 'VALID'", String.class);
		this.http.post("/chaos/latency/aws?ms=300", Http.API_KEY);
		for (int i = 0; i < 4; i++) {
			assertThat(this.http.get("/files/" + encode(key) + "/content").status()).isEqualTo(200);
		}
		evaluate();
		List<JsonNode> slow = live("sla_latency");
		assertThat(slow).extracting((a) -> a.get("subject").asString()).containsExactly("aws");
		assertThat(slow.get(0).get("message").asString()).contains("p95 GET latency of aws").contains("above SLA");
	}

	@Test
	void aSpikeAfterSilenceIsDescribedWithoutADivisionByZero() {
		assertThat(TrafficSpikeRule.describe(97.5, 0))
			.isEqualTo("97.5 access events/s, where there were none recently");
		assertThat(TrafficSpikeRule.describe(6.6, 0.0588))
			.isEqualTo("6.6 access events/s, 112.2 times the recent baseline of 0.06/s");
	}

	@Test
	void aSuddenRiseInTheEventRateIsASpike() throws Exception {
		this.jdbc.update("DELETE FROM consumer_offset");
		this.jdbc.update("INSERT INTO consumer_offset (topic, partition_id, next_offset) VALUES ('dim.access', 0, 0)");
		evaluate();
		Thread.sleep(1000);
		this.jdbc.update("UPDATE consumer_offset SET next_offset = next_offset + 2");
		evaluate();
		assertThat(live("traffic_spike")).isEmpty();
		Thread.sleep(1000);
		this.jdbc.update("UPDATE consumer_offset SET next_offset = next_offset + 5000");
		evaluate();
		assertThat(live("traffic_spike")).singleElement()
			.satisfies((alert) -> assertThat(alert.get("message").asString()).contains("times the recent baseline"));
		Thread.sleep(200);
		evaluate();
		assertThat(live("traffic_spike")).isEmpty();
	}

	@Test
	void pendingMigrationsReplicasShortOfTargetAndAMissingMlServiceAlert() {
		String key = this.jdbc.queryForObject("SELECT MIN(object_key) FROM file_meta", String.class);
		this.jdbc.update("DELETE FROM file_heat WHERE object_key = ?", key);
		this.jdbc.update("""
				INSERT INTO file_heat (object_key, heat, last_access_at, reads_total, writes_total, bytes_total,
				  heat_score, heat_at, tier) VALUES (?, 500, ?, 5000, 0, 0, 500, ?, 'hot')""", key,
				System.currentTimeMillis(), System.currentTimeMillis());
		assertThat(this.http.post("/optimize/" + encode(key), Http.API_KEY).status()).isEqualTo(200);
		// Whether that moved the object or not, one copy waits (nobody runs it: the
		// migrator is off), so the backlog rule has something to see.
		long job = TestJobs.insert(this.jdbc, key, "PENDING", "aws,gcp", "COPY", "aws", "gcp");
		// A copy waiting for a read to carry it is no backlog (yet).
		long waitingForRead = TestJobs.insert(this.jdbc, key, "PENDING", "aws,azure", "COPY", "aws", "azure");
		this.jdbc.update("UPDATE migration_task SET read_wait_until = ? WHERE job_id = ?",
				System.currentTimeMillis() + 3_600_000L, waitingForRead);
		long waiting = this.jdbc.queryForObject(
				"SELECT COUNT(*) FROM migration_task WHERE state IN ('PENDING', "
						+ "'RETRY') AND (read_wait_until IS NULL OR read_wait_until <= ?)",
				Long.class, System.currentTimeMillis());

		String replica = this.jdbc.queryForObject(
				"SELECT MIN(endpoint) FROM replica WHERE object_key = ? AND state = 'VALID'", String.class, key);
		this.jdbc.update("UPDATE replica SET state = 'PENDING' WHERE object_key = ? AND endpoint = ?", key, replica);
		try {
			evaluate();
			assertThat(waiting).isPositive();
			assertThat(live("migration_backlog")).singleElement()
				.satisfies((alert) -> assertThat(alert.get("message").asString())
					.startsWith(waiting + " migration task(s) waiting"));
			assertThat(live("replication_below_target")).singleElement()
				.satisfies((alert) -> assertThat(alert.get("message").asString()).contains(key));
			assertThat(this.http.metric("dim_objects_under_replicated{application=\"api-service\"}")).isEqualTo(1);
			assertThat(live("ml_unavailable")).singleElement()
				.satisfies((alert) -> assertThat(alert.get("message").asString()).contains("is unreachable"));
		}
		finally {
			this.jdbc.update("UPDATE replica SET state = 'VALID' WHERE object_key = ? AND endpoint = ?", key, replica);
			for (long id : new long[] { job, waitingForRead }) {
				this.jdbc.update("DELETE FROM migration_task WHERE job_id = ?", id);
				this.jdbc.update("DELETE FROM migration_job WHERE id = ?", id);
			}
		}
		evaluate();
		assertThat(live("replication_below_target")).isEmpty();
	}

	@Test
	void coldObjectsOnTheMostExpensiveEndpointAreReportedOnlyWhenMovingThemOffPays() {
		// Two cold objects (no access) with a replica on aws. Over this
		// context's one-year horizon, moving one off {aws, azure} to
		// {azure, gcp} pays for its copy: $0.013/GB a month saved against
		// $0.087/GB of egress plus the 20% margin, from 8 months on. Off
		// {aws, gcp} it does not: $0.005/GB a month against $0.09/GB, 22 months.
		String worthMoving = pairedWith("azure");
		String kept = pairedWith("gcp");
		for (String key : List.of(worthMoving, kept)) {
			this.jdbc.update("DELETE FROM file_heat WHERE object_key = ?", key);
			this.jdbc.update("""
					INSERT INTO file_heat (object_key, heat, last_access_at, reads_total, writes_total, bytes_total,
					  heat_score, heat_at, tier) VALUES (?, 0, NULL, 0, 0, 0, 0, ?, 'cold')""", key,
					System.currentTimeMillis());
		}
		try {
			evaluate();
			List<String> expected = expectedColdOnAws();
			assertThat(expected).contains(worthMoving).doesNotContain(kept);
			assertThat(coldOnAws()).singleElement()
				.satisfies((alert) -> assertThat(alert.get("message").asString())
					.startsWith(expected.size() + " cold object(s) on aws, the most expensive endpoint, would cost "
							+ "less without their replica there, copies paid for ($")
					.doesNotContain(kept)
					.endsWith(": Re-optimize All moves them"));
			if (expected.size() <= 5) {
				assertThat(coldOnAws().get(0).get("message").asString()).contains(worthMoving);
			}

			// aws down: every object there must move, whatever it costs; that is
			// endpoint_down's news, not an expensive tier's.
			assertThat(this.http.post("/chaos/fail/aws", Http.API_KEY).status()).isEqualTo(200);
			evaluate();
			assertThat(live("endpoint_down")).isNotEmpty();
			assertThat(coldOnAws()).isEmpty();
		}
		finally {
			this.http.post("/chaos/clear", Http.API_KEY);
		}
	}

	/** An object whose two replicas are on aws and {@code other}. */
	private String pairedWith(String other) {
		return this.jdbc.queryForObject("""
				SELECT MIN(a.object_key) FROM replica a JOIN replica b ON b.object_key = a.object_key
				WHERE a.endpoint = 'aws' AND b.endpoint = ? AND a.state = 'VALID' AND b.state = 'VALID'
				AND (SELECT COUNT(*) FROM replica r WHERE r.object_key = a.object_key) = 2""", String.class, other);
	}

	private List<JsonNode> coldOnAws() {
		return live("expensive_tier").stream()
			.filter((a) -> a.get("subject").asString().equals("cold-on-aws"))
			.toList();
	}

	/**
	 * The objects the alert should name, by the optimizer's own explanation of each (GET
	 * /explain, the MILP; the alert uses the closed form): cold, on aws, and to be moved
	 * to a placement without aws.
	 */
	private List<String> expectedColdOnAws() {
		List<String> expected = new ArrayList<>();
		for (String key : this.jdbc.queryForList("SELECT object_key FROM file_meta ORDER BY object_key",
				String.class)) {
			JsonNode explanation = this.http.get("/explain/" + encode(key)).json();
			List<String> chosen = new ArrayList<>();
			explanation.get("chosen").get("endpoints").forEach((e) -> chosen.add(e.asString()));
			List<String> current = new ArrayList<>();
			explanation.get("current").get("endpoints").forEach((e) -> current.add(e.asString()));
			if (explanation.get("tier").get("tier").asString().equals("cold") && current.contains("aws")
					&& explanation.get("move").asBoolean() && !chosen.contains("aws")
					&& !explanation.get("why").asString().startsWith("the current placement breaks a constraint")) {
				expected.add(key);
			}
		}
		return expected;
	}

	@Test
	void badFiltersAndUnknownAlertsAreClearErrors() {
		Http.Response state = this.http.get("/alerts?state=sleeping");
		assertThat(state.status()).isEqualTo(400);
		assertThat(state.json().get("detail").asString()).contains("state");
		assertThat(this.http.get("/alerts?severity=loud").json().get("detail").asString()).contains("severity");
		assertThat(this.http.get("/alerts?limit=0").status()).isEqualTo(400);
		Http.Response unknown = this.http.post("/alerts/999999/ack", Http.API_KEY);
		assertThat(unknown.status()).isEqualTo(404);
		assertThat(unknown.contentType()).startsWith("application/problem+json");
	}

	private void evaluate() {
		Http.Response response = this.http.post("/alerts/evaluate", Http.API_KEY);
		assertThat(response.status()).isEqualTo(200);
		assertThat(response.json().get("failed")).isEmpty();
	}

	private List<JsonNode> live(String rule) {
		return this.http.liveAlerts(rule);
	}

	private static List<Long> ids(JsonNode alerts) {
		List<Long> ids = new ArrayList<>();
		alerts.forEach((alert) -> ids.add(alert.get("id").asLong()));
		return ids;
	}

	private static JsonNode find(JsonNode alerts, long id) {
		for (JsonNode alert : alerts) {
			if (alert.get("id").asLong() == id) {
				return alert;
			}
		}
		throw new AssertionError("no alert " + id + " in " + alerts);
	}

	private static String encode(String key) {
		return URLEncoder.encode(key, StandardCharsets.UTF_8).replace("+", "%20");
	}

}
