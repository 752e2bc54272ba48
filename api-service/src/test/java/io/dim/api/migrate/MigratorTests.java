package io.dim.api.migrate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.awaitility.Awaitility.await;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import io.dim.api.file.ReplicaMismatches;
import io.dim.api.s3.S3Clients;
import io.dim.api.s3.S3Faults;
import io.dim.api.support.Http;
import io.dim.api.support.TestJobs;
import io.dim.api.support.TestStack;
import io.dim.localstack.LocalStack;
import io.dim.localstack.S3Endpoint;
import io.dim.localstack.TopicContents;
import io.dim.model.endpoint.EndpointConfig;
import io.dim.model.stream.AccessEvent;
import io.dim.model.stream.AccessOp;
import io.dim.model.stream.ObjectCreated;
import io.dim.model.stream.ObjectRemoved;
import io.dim.model.stream.ObjectForgotten;
import io.dim.model.stream.Topics;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.core.sync.ResponseTransformer;
import software.amazon.awssdk.services.s3.S3Client;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The migrator against real S3 endpoints (S3Proxy) and SQLite: verified copies, deletes
 * only after verification, a target failing mid-way, a crashed worker's leftover, SHA-256
 * mismatches parked as FAILED, chaos and failover reads.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ExtendWith(OutputCaptureExtension.class)
class MigratorTests {

	static final LocalStack stack = TestStack.startAll();

	@DynamicPropertySource
	static void properties(DynamicPropertyRegistry registry) {
		TestStack.register(registry, stack, 1, 2048);
		registry.add("dim.migrator.scheduler-enabled", () -> false);
		registry.add("dim.migrator.backoff", () -> "50ms");
		registry.add("dim.migrator.tick-interval", () -> "200ms");
		registry.add("dim.migrator.lease", () -> "5s");
		registry.add("dim.migrator.max-backoff", () -> "200ms");
		registry.add("dim.migrator.max-attempts", () -> 3);
		registry.add("dim.migrator.tasks-per-tick", () -> 40);
		registry.add("dim.migrator.multipart-threshold", () -> "5MB");
		registry.add("dim.migrator.part-size", () -> "5MB");
		registry.add("dim.placement.reoptimize-delay", () -> "1h");
		registry.add("dim.migrator.repair-grace", () -> "1s");
		registry.add("dim.migrator.repair-interval", () -> "1h");
		registry.add("dim.adopt.notification-retry-for", () -> "8s");
		registry.add("dim.scrub.replicas-per-round", () -> 10_000);
		registry.add("dim.scrub.max-bytes-per-round", () -> "1GB");
	}

	@AfterAll
	static void stopStack() throws Exception {
		stack.close();
	}

	@LocalServerPort
	int port;

	@Autowired
	JdbcTemplate jdbc;

	@Autowired
	S3Clients clients;

	@Autowired
	S3Faults faults;

	@Autowired
	RepairScanner repair;

	@Autowired
	Migrator migrator;

	@Autowired
	MigratorQueries queries;

	@Autowired
	MigratorProperties settings;

	@Autowired
	ReplicaMismatches mismatches;

	@Autowired
	StoppedWorkerLeases stoppedWorkers;

	Http http;

	@BeforeEach
	void bootstrapOnce() {
		this.http = new Http(this.port).bootstrapOnce();
	}

	@AfterEach
	void clearChaos() {
		this.http.post("/chaos/clear", Http.API_KEY);
	}

	@Test
	void twoHundredObjectsMoveWhileTheTargetFailsMidwayAndNoneIsEverWithoutAVerifiedReplica() {
		List<String> keys = new ArrayList<>();
		Random random = new Random(5);
		for (int i = 0; i < 200; i++) {
			String key = "move/obj-" + i + ".bin";
			byte[] content = new byte[512 + random.nextInt(4096)];
			random.nextBytes(content);
			put(key, content, "aws", "azure");
			keys.add(key);
			job(key, "aws", "azure,gcp", "gcp");
		}
		int rounds = 0;
		int postponed = 0;
		while (open() > 0 && rounds < 400) {
			TickReport tick = this.http.post("/migrator/tick", Http.API_KEY).as(TickReport.class);
			rounds++;
			if (rounds > 2 && rounds <= 6) {
				postponed += tick.postponed();
			}
			if (rounds == 2) {
				assertThat(tick.copied()).isPositive();
				assertThat(this.http.post("/chaos/fail/gcp", Http.API_KEY).status()).isEqualTo(200);
			}
			if (rounds == 6) {
				// Failed long enough for copies to gcp to fail and retry; no delete ran.
				assertThat(this.jdbc
					.queryForObject("SELECT COUNT(*) FROM migration_task WHERE kind = 'DELETE' AND state = 'DONE' "
							+ "AND object_key LIKE 'move/%'", Integer.class))
					.isZero();
				// Copies to the failed target wait without spending their attempts.
				assertThat(postponed).isPositive();
				this.http.post("/chaos/recover/gcp", Http.API_KEY);
			}
			if (rounds % 3 == 0 || rounds == 2) {
				everyObjectHasAVerifiedReadableReplica(keys);
			}
		}
		assertThat(open()).as("queue drained in %d rounds", rounds).isZero();
		assertThat(this.jdbc.queryForObject(
				"SELECT COUNT(*) FROM migration_task WHERE state = 'FAILED' AND object_key LIKE 'move/%'",
				Integer.class))
			.isZero();
		everyObjectHasAVerifiedReadableReplica(keys);
		for (String key : keys) {
			assertThat(validReplicas(key)).as(key).containsExactly("azure", "gcp");
			assertThat(exists("aws", key)).as("%s deleted from aws", key).isFalse();
		}
		// The task log: each delete was planned after every copy of its job was done.
		assertThat(this.jdbc.queryForObject("""
				SELECT COUNT(*) FROM migration_task d JOIN migration_task c ON c.job_id = d.job_id
				WHERE d.kind = 'DELETE' AND c.kind = 'COPY' AND (c.state <> 'DONE' OR d.created_at < c.updated_at)""",
				Integer.class))
			.isZero();
		assertThat(this.jdbc.queryForObject(
				"SELECT COUNT(*) FROM migration_job WHERE object_key LIKE 'move/%' AND state = 'DONE'", Integer.class))
			.isEqualTo(200);
		assertThat(this.http.get("/metrics").body()).contains("dim_migration_jobs_total{", "outcome=\"done\"",
				"dim_migration_bytes_total", "dim_migration_copy_seconds_bucket", "dim_s3_request_seconds_bucket{",
				"op=\"PutObject\"");
	}

	@Test
	void statusCountsTheRecentCopiesOfEveryInstanceSharingTheDatabase() {
		JsonNode before = this.http.get("/migrator/status").json();
		byte[] content = letters(3000, 11);
		put("recent/here.bin", content, "aws");
		job("recent/here.bin", "aws", "aws,gcp", "gcp");
		TickReport tick = this.http.post("/migrator/tick", Http.API_KEY).as(TickReport.class);
		assertThat(tick.copied()).isEqualTo(1);
		// As another instance leaves its copies: one verified a minute ago, one before
		// the
		// five minutes of the status.
		long now = System.currentTimeMillis();
		put("recent/elsewhere.bin", letters(1000, 12), "aws", "azure");
		long elsewhere = job("recent/elsewhere.bin", "aws", "aws,azure", "azure");
		this.jdbc.update(
				"UPDATE migration_task SET state = 'DONE', copied_bytes = 1000, updated_at = ? " + "WHERE job_id = ?",
				now - 60_000, elsewhere);
		put("recent/old.bin", letters(5000, 13), "aws", "azure");
		long old = job("recent/old.bin", "aws", "aws,azure", "azure");
		this.jdbc.update(
				"UPDATE migration_task SET state = 'DONE', copied_bytes = 5000, updated_at = ? " + "WHERE job_id = ?",
				now - 6 * 60_000, old);

		JsonNode after = this.http.get("/migrator/status").json();
		assertThat(after.get("recentCopies").asLong()).isEqualTo(before.get("recentCopies").asLong() + 2);
		long bytes = after.get("recentBytes").asLong();
		assertThat(bytes).isEqualTo(before.get("recentBytes").asLong() + 3000 + 1000);
		assertThat(after.get("recentBytesPerSecond").asDouble()).isCloseTo(bytes / 300.0, within(1e-6));
	}

	@Test
	void aCrashedWorkersTaskIsTakenUpAfterItsLeaseAndItsLeftoverUploadIsAborted() {
		String key = "crash/big.bin";
		byte[] content = new byte[12 * 1024 * 1024];
		new Random(9).nextBytes(content);
		put(key, content, "aws", "azure");
		long jobId = job(key, "aws", "azure,gcp", "gcp");
		// The state a kill -9 mid-copy leaves: the task RUNNING under a dead worker's
		// expired lease, a PENDING replica, and a multipart upload with one part on gcp.
		this.jdbc.update("UPDATE migration_task SET state = 'RUNNING', lease_owner = 'dead-worker', "
				+ "lease_until = ?, attempts = 1 WHERE job_id = ?", System.currentTimeMillis() - 1000, jobId);
		this.jdbc.update("INSERT INTO replica (object_key, endpoint, state) VALUES (?, 'gcp', 'PENDING')", key);
		S3Client gcp = this.clients.client("gcp");
		String upload = gcp.createMultipartUpload((r) -> r.bucket("dim-data").key(key)).uploadId();
		gcp.uploadPart((r) -> r.bucket("dim-data").key(key).uploadId(upload).partNumber(1),
				RequestBody.fromBytes(java.util.Arrays.copyOf(content, 5 * 1024 * 1024)));
		assertThat(gcp.listMultipartUploads((r) -> r.bucket("dim-data")).uploads()).hasSize(1);

		JsonNode drained = this.http.post("/migrator/drain?timeoutSeconds=60", Http.API_KEY).json();
		assertThat(drained.get("empty").asBoolean()).isTrue();
		assertThat(this.jdbc.queryForObject("SELECT state FROM migration_job WHERE id = ?", String.class, jobId))
			.isEqualTo("DONE");
		assertThat(validReplicas(key)).containsExactly("azure", "gcp");
		assertThat(sha256(get("gcp", key))).isEqualTo(sha256(content));
		assertThat(gcp.listMultipartUploads((r) -> r.bucket("dim-data")).uploads()).isEmpty();
	}

	@Test
	void aCopyLongerThanTheLeaseKeepsItsLease() throws Exception {
		String key = "slow/copy.bin";
		put(key, "slow".getBytes(StandardCharsets.UTF_8), "aws", "azure");
		long jobId = job(key, "aws", "azure,gcp", "gcp");
		// Every call to gcp waits 6 s: the PUT alone outlasts the 5 s lease.
		this.http.post("/chaos/latency/gcp?ms=6000", Http.API_KEY);
		java.util.concurrent.CompletableFuture<Http.Response> drain = java.util.concurrent.CompletableFuture
			.supplyAsync(() -> this.http.post("/migrator/drain?timeoutSeconds=60", Http.API_KEY));
		long deadline = System.currentTimeMillis() + 9000;
		int checks = 0;
		while (System.currentTimeMillis() < deadline && !drain.isDone()) {
			List<java.util.Map<String, Object>> rows = this.jdbc
				.queryForList("SELECT state, lease_until FROM migration_task WHERE job_id = ?", jobId);
			if ("RUNNING".equals(rows.get(0).get("state"))) {
				long leaseUntil = ((Number) rows.get(0).get("lease_until")).longValue();
				assertThat(leaseUntil).as("lease of the running copy").isGreaterThan(System.currentTimeMillis());
				checks++;
			}
			Thread.sleep(250);
		}
		assertThat(checks).isGreaterThan(10);
		drain.get(60, java.util.concurrent.TimeUnit.SECONDS);
		assertThat(this.jdbc.queryForObject("SELECT attempts FROM migration_task WHERE job_id = ? AND kind = 'COPY'",
				Integer.class, jobId))
			.isOne();
		assertThat(validReplicas(key)).containsExactly("azure", "gcp");
	}

	@Test
	void aCopyWhoseBytesDoNotMatchTheRecordedSha256IsParkedAsFailedAndNeverCounts() {
		String key = "bad/tampered.bin";
		put(key, "original".getBytes(StandardCharsets.UTF_8), "aws", "azure");
		this.jdbc.update("UPDATE file_meta SET sha256 = ? WHERE object_key = ?", "0".repeat(64), key);
		long jobId = job(key, "aws", "azure,gcp", "gcp");
		JsonNode drained = this.http.post("/migrator/drain?timeoutSeconds=30", Http.API_KEY).json();
		assertThat(validReplicas(key)).containsExactly("aws", "azure");
		assertThat(this.jdbc.queryForObject("SELECT state FROM migration_job WHERE id = ?", String.class, jobId))
			.isEqualTo("FAILED");
		JsonNode status = this.http.get("/migrator/status").json();
		int failedTasks = status.get("tasksByState").get("FAILED").asInt();
		assertThat(failedTasks).isPositive();
		JsonNode ours = null;
		for (JsonNode task : status.get("failedTasks")) {
			ours = task.get("key").asString().equals(key) ? task : ours;
		}
		assertThat(ours).isNotNull();
		assertThat(ours.get("error").asString()).startsWith("SHA-256 mismatch");
		assertThat(ours.get("attempts").asInt()).isEqualTo(3);
		assertThat(status.get("recentJobs")).isNotEmpty();
		int doneBefore = this.jdbc.queryForObject("SELECT COUNT(*) FROM migration_task WHERE state = 'DONE'",
				Integer.class);
		JsonNode cleared = this.http.post("/migrator/clear-failed", Http.API_KEY).json();
		assertThat(cleared.get("removed").asInt()).isEqualTo(failedTasks);
		assertThat(
				this.jdbc.queryForObject("SELECT COUNT(*) FROM migration_task WHERE state = 'FAILED'", Integer.class))
			.isZero();
		assertThat(this.jdbc.queryForObject("SELECT COUNT(*) FROM migration_task WHERE state = 'DONE'", Integer.class))
			.isEqualTo(doneBefore);
		assertThat(this.http.post("/migrator/clear-failed", null).status()).isEqualTo(401);
		assertThat(this.http.post("/migrator/drain?timeoutSeconds=0", Http.API_KEY).status()).isEqualTo(400);
	}

	@Test
	void oneBackgroundRoundKeepsTickingWhileTheBatchesAreFull() {
		// Two and a half batches (tasks-per-tick is 40 here): a round of the scheduler
		// used to copy one batch per tick-interval.
		int objects = this.settings.tasksPerTick() * 5 / 2;
		Random random = new Random(7);
		List<Long> jobs = new ArrayList<>();
		for (int i = 0; i < objects; i++) {
			byte[] content = new byte[1024];
			random.nextBytes(content);
			String key = "burst/" + i;
			put(key, content, "aws");
			jobs.add(job(key, "aws", "aws,azure", "azure"));
		}

		new MigratorScheduler(this.migrator, this.queries, this.settings).tick();

		for (long job : jobs) {
			assertThat(this.jdbc.queryForObject("SELECT state FROM migration_task WHERE job_id = ?", String.class, job))
				.isEqualTo("DONE");
		}
		for (int i = 0; i < objects; i++) {
			assertThat(validReplicas("burst/" + i)).containsExactly("aws", "azure");
		}
	}

	@Test
	void aSourceRewrittenBetweenTheGetAndTheCheckIsReportedAsChangedDuringTheCopy() throws Exception {
		String key = "bad/rewritten.bin";
		put(key, "version one".getBytes(StandardCharsets.UTF_8), "aws");
		// The catalogue holds other bytes, so the copy cannot verify and consults the
		// source's version token.
		this.jdbc.update("UPDATE file_meta SET sha256 = ? WHERE object_key = ?", "0".repeat(64), key);
		long jobId = job(key, "aws", "aws,gcp", "gcp");
		// Every call to aws waits 2 s: the GET ends about 2 s after the copy starts and
		// the HEAD that follows it about 4 s after; the source is rewritten at about 3 s,
		// straight on the endpoint (not through the injected latency).
		this.faults.latency("aws", 2000);
		CompletableFuture<TickReport> tick = CompletableFuture.supplyAsync(this.migrator::tick);
		while (this.jdbc.queryForObject("SELECT COUNT(*) FROM replica WHERE object_key = ? AND endpoint = 'gcp'",
				Integer.class, key) == 0) {
			assertThat(tick).isNotDone();
			Thread.sleep(10);
		}
		Thread.sleep(3000);
		EndpointConfig aws = stack.endpoints().stream().filter((e) -> e.name().equals("aws")).findFirst().orElseThrow();
		try (S3Client direct = S3Endpoint.client(aws)) {
			direct.putObject((r) -> r.bucket("dim-data").key(key),
					RequestBody.fromString("version two, written during the copy"));
		}
		tick.get(60, TimeUnit.SECONDS);

		assertThat(
				this.jdbc.queryForObject("SELECT last_error FROM migration_task WHERE job_id = ?", String.class, jobId))
			.startsWith("the source changed during the copy (version token");
		assertThat(validReplicas(key)).containsExactly("aws");
		this.jdbc.update("DELETE FROM migration_task WHERE job_id = ?", jobId);
		this.jdbc.update("UPDATE migration_job SET state = 'FAILED' WHERE id = ?", jobId);
	}

	@Test
	void anEndpointFailedPastTheGracePeriodGetsItsObjectsRepairedAndTheSurplusTrimmedAfterRecovery() throws Exception {
		List<String> keys = new ArrayList<>();
		for (int i = 0; i < 5; i++) {
			String key = "repair/obj-" + i + ".txt";
			put(key, ("repair me " + i).getBytes(StandardCharsets.UTF_8), "aws", "azure");
			keys.add(key);
		}
		this.http.post("/chaos/fail/aws", Http.API_KEY);
		assertThat(this.repair.failedPastGrace()).isEmpty();
		Thread.sleep(1100); // past the 1 s grace period
		assertThat(this.repair.failedPastGrace()).containsExactly("aws");
		assertThat(this.repair.scan().jobsCreated()).isGreaterThanOrEqualTo(keys.size());
		this.http.post("/migrator/drain?timeoutSeconds=20", Http.API_KEY);
		for (String key : keys) {
			// Copied to gcp; the aws replica is kept while aws is failed.
			assertThat(validReplicas(key)).as(key).containsExactly("aws", "azure", "gcp");
		}
		JsonNode waiting = this.http.get("/migrator/status").json();
		assertThat(waiting.get("deletesWaitForRecovery").asBoolean()).isTrue();
		assertThat(waiting.get("deletesWaitReason").asString()).isEqualTo("endpoint aws is failed (chaos)");

		this.http.post("/chaos/recover/aws", Http.API_KEY);
		this.http.post("/migrator/drain?timeoutSeconds=30", Http.API_KEY);
		for (String key : keys) {
			assertThat(validReplicas(key)).as(key).containsExactly("azure", "gcp");
			assertThat(exists("aws", key)).isFalse();
		}
	}

	@Test
	void readsFailOverToTheNextReplicaAndSay503WhenNoneAnswers() {
		String key = "read/me.txt";
		byte[] content = "hello from two clouds".getBytes(StandardCharsets.UTF_8);
		put(key, content, "aws", "azure");
		String path = "/files/" + URLEncoder.encode(key, StandardCharsets.UTF_8) + "/content";
		Http.Response fast = this.http.get(path);
		assertThat(fast.status()).isEqualTo(200);
		assertThat(fast.body()).isEqualTo("hello from two clouds");
		assertThat(fast.header("X-DIM-Served-From")).isEqualTo("aws");

		assertThat(this.http.post("/chaos/fail/aws", Http.API_KEY).status()).isEqualTo(200);
		Http.Response failover = this.http.get(path);
		assertThat(failover.status()).isEqualTo(200);
		assertThat(failover.body()).isEqualTo("hello from two clouds");
		assertThat(failover.header("X-DIM-Served-From")).isEqualTo("azure");

		this.http.post("/chaos/fail/azure", Http.API_KEY);
		Http.Response none = this.http.get(path);
		assertThat(none.status()).isEqualTo(503);
		assertThat(none.json().get("detail").asString()).contains("aws: chaos", "azure: chaos");
		JsonNode status = this.http.get("/chaos/status").json();
		assertThat(status.findValuesAsString("endpoint")).containsExactly("aws", "azure", "gcp");
		assertThat(this.http.get("/files/no%2Fsuch/content").status()).isEqualTo(404);
	}

	@Test
	void aReadNamesItsBytesByTheirHashAndNeitherHeadNorARevalidationReadsAReplica() {
		String key = "read/etag.txt";
		byte[] content = "bytes named by their hash".getBytes(StandardCharsets.UTF_8);
		put(key, content, "aws", "azure");
		String path = "/files/" + URLEncoder.encode(key, StandardCharsets.UTF_8) + "/content";
		String etag = "\"" + sha256(content) + "\"";
		Http.Response read = this.http.get(path);
		assertThat(read.status()).isEqualTo(200);
		assertThat(read.header("ETag")).isEqualTo(etag);
		// Kept by the client to ask again, by no shared cache.
		assertThat(read.headers()
			.entrySet()
			.stream()
			.filter((h) -> h.getKey().equalsIgnoreCase("Cache-Control"))
			.flatMap((h) -> h.getValue().stream())
			.toList()).containsExactly("no-cache, private");

		// With both endpoints down, anything that reads a replica would answer 503.
		this.http.post("/chaos/fail/aws", Http.API_KEY);
		this.http.post("/chaos/fail/azure", Http.API_KEY);
		for (String ifNoneMatch : List.of(etag, "\"other\", W/" + etag, "*")) {
			Http.Response same = this.http.call("GET", path, Map.of("If-None-Match", ifNoneMatch));
			assertThat(same.status()).as(ifNoneMatch).isEqualTo(304);
			assertThat(same.header("ETag")).isEqualTo(etag);
			assertThat(same.body()).isEmpty();
		}
		Http.Response head = this.http.call("HEAD", path, Map.of());
		assertThat(head.status()).isEqualTo(200);
		assertThat(head.header("Content-Length")).isEqualTo(String.valueOf(content.length));
		assertThat(head.header("ETag")).isEqualTo(etag);
		assertThat(this.http.call("HEAD", path, Map.of("If-None-Match", etag)).status()).isEqualTo(304);
		assertThat(this.http.call("GET", path, Map.of("If-None-Match", "\"other\"")).status()).isEqualTo(503);
		this.http.post("/chaos/clear", Http.API_KEY);
		assertThat(this.http.call("HEAD", "/files/no%2Fsuch/content", Map.of()).status()).isEqualTo(404);

		// Counted reads: the first GET and this one; the 304s and HEADs are not reads.
		Http.Response changed = this.http.call("GET", path, Map.of("If-None-Match", "\"other\""));
		assertThat(changed.status()).isEqualTo(200);
		assertThat(changed.body()).isEqualTo("bytes named by their hash");
		await().atMost(Duration.ofSeconds(20)).until(() -> eventIds(Topics.ACCESS, key).size() >= 2);
		assertThat(eventIds(Topics.ACCESS, key)).hasSize(2);

		// No verified replica recorded: HEAD says so, as GET would.
		this.jdbc.update("UPDATE replica SET state = 'PENDING' WHERE object_key = ?", key);
		assertThat(this.http.call("HEAD", path, Map.of()).status()).isEqualTo(503);
	}

	@Test
	void aRangeIsServedFromTheBestReplicaThatHoldsTheObjectsSizeAndCountsAsARead() {
		String key = "read/parts.txt";
		StringBuilder text = new StringBuilder();
		for (int i = 0; text.length() < 100_000; i++) {
			text.append(String.format("line %06d%n", i));
		}
		text.setLength(100_000);
		byte[] content = text.toString().getBytes(StandardCharsets.UTF_8);
		put(key, content, "aws", "azure");
		String path = "/files/" + URLEncoder.encode(key, StandardCharsets.UTF_8) + "/content";
		String etag = "\"" + sha256(content) + "\"";

		Http.Response part = this.http.call("GET", path, Map.of("Range", "bytes=10-19"));
		assertThat(part.status()).as(part.body()).isEqualTo(206);
		assertThat(part.body()).isEqualTo(text.substring(10, 20));
		assertThat(part.header("Content-Range")).isEqualTo("bytes 10-19/100000");
		assertThat(part.header("Content-Length")).isEqualTo("10");
		assertThat(part.header("ETag")).isEqualTo(etag);
		assertThat(part.header("X-DIM-Served-From")).isEqualTo("aws");
		Http.Response suffix = this.http.call("GET", path, Map.of("Range", "bytes=-5", "If-Range", etag));
		assertThat(suffix.status()).isEqualTo(206);
		assertThat(suffix.body()).isEqualTo(text.substring(99_995));
		assertThat(suffix.header("Content-Range")).isEqualTo("bytes 99995-99999/100000");
		Http.Response past = this.http.call("GET", path, Map.of("Range", "bytes=99990-200000"));
		assertThat(past.header("Content-Range")).isEqualTo("bytes 99990-99999/100000");
		assertThat(past.body()).isEqualTo(text.substring(99_990));

		// The whole object: another ETag in If-Range, several ranges, another unit.
		for (Map<String, String> whole : List.of(Map.of("Range", "bytes=0-9", "If-Range", "\"other\""),
				Map.of("Range", "bytes=0-1,5-6"), Map.of("Range", "lines=1-2"))) {
			Http.Response all = this.http.call("GET", path, whole);
			assertThat(all.status()).as(whole.toString()).isEqualTo(200);
			assertThat(all.body()).isEqualTo(text.toString());
			assertThat(all.header("Accept-Ranges")).isEqualTo("bytes");
		}
		// Past the end, or unreadable: 416 naming the header and the object's size.
		for (String bad : List.of("bytes=100000-", "bytes=abc")) {
			Http.Response refused = this.http.call("GET", path, Map.of("Range", bad));
			assertThat(refused.status()).as(bad).isEqualTo(416);
			assertThat(refused.header("Content-Range")).isEqualTo("bytes */100000");
			assertThat(refused.json().get("detail").asString()).contains("header 'Range'");
		}

		// aws holds other bytes of another size: passed over, the part comes from azure,
		// whether aws's copy is too short for the part or only shorter than the object.
		overwrite("aws", key, "shorter".getBytes(StandardCharsets.UTF_8));
		Http.Response tooShort = this.http.call("GET", path, Map.of("Range", "bytes=10-19"));
		assertThat(tooShort.status()).isEqualTo(206);
		assertThat(tooShort.header("X-DIM-Served-From")).isEqualTo("azure");
		assertThat(tooShort.body()).isEqualTo(text.substring(10, 20));
		assertThat(this.mismatches.found(key, "aws")).isTrue();
		Http.Response failover = this.http.call("GET", path, Map.of("Range", "bytes=0-3"));
		assertThat(failover.status()).isEqualTo(206);
		assertThat(failover.body()).isEqualTo(text.substring(0, 4));
		assertThat(failover.header("X-DIM-Served-From")).isEqualTo("azure");
		this.http.post("/chaos/fail/azure", Http.API_KEY);
		try {
			Http.Response none = this.http.call("GET", path, Map.of("Range", "bytes=0-3"));
			assertThat(none.status()).isEqualTo(503);
			assertThat(none.json().get("detail").asString()).contains("aws: holds 7 bytes", "azure: chaos");
		}
		finally {
			this.http.post("/chaos/clear", Http.API_KEY);
		}

		// Each part read counted as a read of its bytes; the whole reads of the object's.
		await().atMost(Duration.ofSeconds(20)).until(() -> readBytes(key).size() == 8);
		assertThat(readBytes(key)).containsExactlyInAnyOrder(10L, 5L, 10L, 100_000L, 100_000L, 100_000L, 10L, 4L);
	}

	/** The bytes of each READ event of this key on dim.access. */
	private static List<Long> readBytes(String key) {
		return TopicContents.committed(stack.kafkaBootstrap(), Topics.ACCESS)
			.stream()
			.filter((r) -> key.equals(r.key()))
			.map((r) -> JsonMapper.builder().build().readTree(r.value()).get("bytes").asLong())
			.toList();
	}

	@Test
	void aReplicaThatDoesNotHoldTheObjectsBytesIsNeverServedAsTheObject(CapturedOutput output) {
		String key = "read/damaged.txt";
		StringBuilder text = new StringBuilder();
		// Above the 1 MiB read whole and checked before answering: it streams.
		for (int i = 0; text.length() < 1_200_000; i++) {
			text.append(String.format("line %06d of an object read through DIM%n", i));
		}
		byte[] content = text.toString().getBytes(StandardCharsets.UTF_8);
		put(key, content, "aws", "azure");
		// A JSON object: an error page, also JSON, could be written into its answer.
		this.jdbc.update("UPDATE file_meta SET content_type = 'application/json' WHERE object_key = ?", key);
		String path = "/files/" + URLEncoder.encode(key, StandardCharsets.UTF_8) + "/content";
		String awsMismatches = "dim_replica_mismatches_total{application=\"api-service\",endpoint=\"aws\"}";
		double before = this.http.metric(awsMismatches);

		// aws, the fastest, holds other bytes of the same size (one byte flipped, in the
		// first of several pieces): the answer ends short, never complete and wrong.
		byte[] damaged = content.clone();
		damaged[10] = (byte) 'X';
		overwrite("aws", key, damaged);
		// On the wire: the promised length, then a part of the replica's bytes and
		// nothing else (no error page appended), then the connection closes.
		byte[] answer = rawGet(path);
		String head = new String(answer, 0, indexOf(answer, "\r\n\r\n".getBytes(StandardCharsets.US_ASCII)),
				StandardCharsets.US_ASCII);
		assertThat(head).startsWith("HTTP/1.1 200").containsIgnoringCase("content-length: " + content.length);
		byte[] body = java.util.Arrays.copyOfRange(answer, head.length() + 4, answer.length);
		assertThat(body.length).isLessThan(content.length);
		assertThat(body).isEqualTo(java.util.Arrays.copyOf(damaged, body.length));
		// Said once, as a replica found wrong; not again by Tomcat with a trace.
		await().atMost(Duration.ofSeconds(10))
			.until(() -> output.getOut().contains("The replica of 'read/damaged.txt' on aws does not hold"));
		assertThat(output.getOut()).doesNotContain("Servlet.service() for servlet [dispatcherServlet]");
		// Found wrong, aws is now the last choice: the next read is served whole by
		// azure.
		Http.Response afterFinding = this.http.get(path);
		assertThat(afterFinding.status()).isEqualTo(200);
		assertThat(afterFinding.header("X-DIM-Served-From")).isEqualTo("azure");
		assertThat(afterFinding.body()).isEqualTo(text.toString());

		// aws holds a shorter object: seen before the answer starts, so azure serves it.
		String shorter = "read/shorter.txt";
		put(shorter, content, "aws", "azure");
		overwrite("aws", shorter, java.util.Arrays.copyOf(content, 1000));
		Http.Response served = this.http
			.get("/files/" + URLEncoder.encode(shorter, StandardCharsets.UTF_8) + "/content");
		assertThat(served.status()).isEqualTo(200);
		assertThat(served.header("X-DIM-Served-From")).isEqualTo("azure");
		assertThat(served.body()).isEqualTo(text.toString());

		// A small object is read whole and checked before the answer starts: a replica
		// with other bytes is passed over for the next one.
		String small = "read/small-damaged.txt";
		byte[] smallContent = "a small object, checked before it is served".getBytes(StandardCharsets.UTF_8);
		put(small, smallContent, "aws", "azure");
		overwrite("aws", small, flipped(smallContent, 0));
		Http.Response smallRead = this.http
			.get("/files/" + URLEncoder.encode(small, StandardCharsets.UTF_8) + "/content");
		assertThat(smallRead.status()).isEqualTo(200);
		assertThat(smallRead.header("X-DIM-Served-From")).isEqualTo("azure");
		assertThat(smallRead.body()).isEqualTo("a small object, checked before it is served");
		// Removed from aws behind DIM's back: the same.
		String removed = "read/small-removed.txt";
		put(removed, smallContent, "aws", "azure");
		this.clients.client("aws").deleteObject((r) -> r.bucket("dim-data").key(removed));
		Http.Response afterRemoval = this.http
			.get("/files/" + URLEncoder.encode(removed, StandardCharsets.UTF_8) + "/content");
		assertThat(afterRemoval.header("X-DIM-Served-From")).isEqualTo("azure");
		assertThat(afterRemoval.body()).isEqualTo("a small object, checked before it is served");

		assertThat(this.http.metric(awsMismatches) - before).isEqualTo(4);
		assertThat(this.http.metric("dim_replica_mismatches_total{application=\"api-service\",endpoint=\"gcp\"}"))
			.isZero();
		assertThat(this.http.post("/alerts/evaluate", Http.API_KEY).status()).isEqualTo(200);
		JsonNode mismatch = null;
		for (JsonNode alert : this.http.get("/alerts?state=open").json()) {
			mismatch = alert.get("rule").asString().equals("replica_mismatch") ? alert : mismatch;
		}
		assertThat(mismatch).isNotNull();
		assertThat(mismatch.get("subject").asString()).isEqualTo("aws");
		assertThat(mismatch.get("severity").asString()).isEqualTo("critical");
		assertThat(mismatch.get("message").asString()).contains("replica(s) on aws", "last 1 hour");
		assertThat(this.mismatches.recent().get("aws")).contains(key);
		// Reads report; they do not change the catalogue.
		assertThat(validReplicas(key)).containsExactly("aws", "azure");

		// Neither replica holds the object's bytes: 503 naming both.
		overwrite("aws", key, java.util.Arrays.copyOf(content, 1000));
		overwrite("azure", key, java.util.Arrays.copyOf(content, 10));
		Http.Response none = this.http.get(path);
		assertThat(none.status()).isEqualTo(503);
		assertThat(none.json().get("detail").asString()).contains("aws: holds 1000 bytes", "azure: holds 10 bytes",
				"the object has " + content.length);
	}

	@Test
	void aCopyFromADamagedReplicaIsTakenFromAnotherVerifiedOne() {
		String key = "bad/one-damaged.bin";
		byte[] content = putRandom(key, 40_000, 11, "aws", "azure");
		overwrite("aws", key, flipped(content, 0));
		long jobId = job(key, "aws", "aws,azure,gcp", "gcp");
		this.http.post("/migrator/drain?timeoutSeconds=30", Http.API_KEY);
		// The first attempt read aws's bytes, which do not hash to the object's SHA-256;
		// the second took azure's.
		assertThat(this.jdbc.queryForObject("SELECT state FROM migration_job WHERE id = ?", String.class, jobId))
			.isEqualTo("DONE");
		assertThat(
				this.jdbc.queryForObject("SELECT attempts FROM migration_task WHERE job_id = ?", Integer.class, jobId))
			.isEqualTo(2);
		assertThat(get("gcp", key)).isEqualTo(content);
		assertThat(validReplicas(key)).containsExactly("aws", "azure", "gcp");
		assertThat(this.mismatches.found(key, "aws")).isTrue();
		assertThat(this.mismatches.found(key, "azure")).isFalse();
	}

	@Test
	void theScrubberReadsReplicasBackAndReportsOneThatNoLongerHoldsTheObjectsBytes() {
		String key = "scrub/rotten.bin";
		byte[] content = putRandom(key, 30_000, 13, "aws", "azure");
		this.jdbc.update("UPDATE replica SET verified_at = 1 WHERE object_key = ?", key);
		overwrite("azure", key, flipped(content, content.length - 1));

		assertThat(this.http.post("/scrub", null).status()).isEqualTo(401);
		JsonNode round = this.http.post("/scrub", Http.API_KEY).json();
		assertThat(round.get("checked").asInt()).isGreaterThanOrEqualTo(2);
		assertThat(round.get("mismatched").asInt()).isPositive();
		assertThat(round.get("bytes").asLong()).isGreaterThanOrEqualTo(2L * content.length);
		assertThat(this.mismatches.found(key, "azure")).isTrue();
		assertThat(this.mismatches.found(key, "aws")).isFalse();
		// aws's replica was verified again now; azure's keeps its old time, and both stay
		// recorded: a person decides.
		assertThat(verifiedAt(key, "aws")).isGreaterThan(1);
		assertThat(verifiedAt(key, "azure")).isEqualTo(1);
		assertThat(validReplicas(key)).containsExactly("aws", "azure");
		assertThat(this.http
			.metric("dim_scrub_replicas_checked_total{application=\"api-service\",outcome=\"mismatched\"}"))
			.isPositive();

		// Found once, it is not read again each round; the others are.
		JsonNode again = this.http.post("/scrub", Http.API_KEY).json();
		assertThat(again.get("mismatched").asInt()).isZero();
		assertThat(again.get("checked").asInt())
			.isEqualTo(round.get("checked").asInt() - round.get("mismatched").asInt());
		// A replica removed behind DIM's back is found too.
		String gone = "scrub/gone.bin";
		putRandom(gone, 5_000, 19, "aws", "azure");
		this.clients.client("aws").deleteObject((r) -> r.bucket("dim-data").key(gone));
		assertThat(this.http.post("/scrub", Http.API_KEY).json().get("mismatched").asInt()).isEqualTo(1);
		assertThat(this.mismatches.found(gone, "aws")).isTrue();

		// A failed endpoint is left for later.
		this.http.post("/chaos/fail/aws", Http.API_KEY);
		JsonNode withoutAws = this.http.post("/scrub", Http.API_KEY).json();
		assertThat(withoutAws.get("checked").asInt()).isLessThan(again.get("checked").asInt() + 1);
		assertThat(withoutAws.get("unreachable").asInt()).isZero();
	}

	@Test
	void aReplicaFoundWrongAndRestoredIsClearedByACheckOfItsObject() {
		String key = "scrub/restored.bin";
		byte[] content = putRandom(key, 20_000, 23, "aws", "azure");
		overwrite("azure", key, flipped(content, 7));
		String check = "/scrub?key=" + URLEncoder.encode(key, StandardCharsets.UTF_8);

		JsonNode found = this.http.post(check, Http.API_KEY).json();
		assertThat(found.get("checked").asInt()).isEqualTo(2);
		assertThat(found.get("verified").asInt()).isEqualTo(1);
		assertThat(found.get("mismatched").asInt()).isEqualTo(1);
		assertThat(this.mismatches.found(key, "azure")).isTrue();

		// Restored from the verified replica with a tool, then checked at once: the
		// rounds
		// would leave the replica found wrong alone for the mismatch window.
		Http.Response restored = this.http.postJson("/tools/s5cmd", Http.API_KEY,
				"{\"source\":\"aws\",\"target\":\"azure\",\"key\":\"" + key + "\"}");
		assertThat(restored.status()).as(restored.body()).isEqualTo(200);
		JsonNode cleared = this.http.post(check, Http.API_KEY).json();
		assertThat(cleared.get("verified").asInt()).isEqualTo(2);
		assertThat(cleared.get("mismatched").asInt()).isZero();
		assertThat(cleared.get("bytes").asLong()).isEqualTo(2L * content.length);
		assertThat(this.mismatches.found(key, "azure")).isFalse();
		assertThat(this.mismatches.recent().getOrDefault("azure", List.of())).doesNotContain(key);

		assertThat(this.http.post("/scrub?key=no%2Fsuch", Http.API_KEY).status()).isEqualTo(404);
		assertThat(this.http.post(check, null).status()).isEqualTo(401);
	}

	@Test
	void aReadCarriesAPendingCopyThatTheBackgroundMigratorLeavesWaitingForIt() {
		// A small object (read and checked in memory) and a large one (streamed while the
		// copy uploads), each on aws only, each with a copy waiting for a read.
		String small = "carry/small.txt";
		String large = "carry/large.txt";
		byte[] smallContent = letters(40_000, 21);
		byte[] largeContent = letters(2_500_000, 22);
		put(small, smallContent, "aws");
		put(large, largeContent, "aws");
		long smallJob = waitingForARead(job(small, "aws", "aws,gcp", "gcp"));
		long largeJob = waitingForARead(job(large, "aws", "aws,azure", "azure"));
		double carriedBefore = carried("done");

		// The background migrator leaves them to a read (an hour here), and says so.
		this.migrator.tickInBackground();
		assertThat(taskState(smallJob)).isEqualTo("PENDING");
		assertThat(taskState(largeJob)).isEqualTo("PENDING");
		JsonNode status = this.http.get("/migrator/status").json();
		long waiting = status.get("copiesWaitingForRead").asLong();
		assertThat(waiting).isGreaterThanOrEqualTo(2);
		assertThat(status.get("recentJobs").toString()).contains("COPY gcp PENDING (waiting for a read)");

		Http.Response smallRead = this.http.get(contentPath(small));
		Http.Response largeRead = this.http.get(contentPath(large));

		assertThat(smallRead.status()).isEqualTo(200);
		assertThat(smallRead.body()).isEqualTo(new String(smallContent, StandardCharsets.US_ASCII));
		assertThat(smallRead.header("X-DIM-Served-From")).isEqualTo("aws");
		assertThat(largeRead.status()).isEqualTo(200);
		assertThat(largeRead.body()).isEqualTo(new String(largeContent, StandardCharsets.US_ASCII));
		await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
			assertThat(taskState(smallJob)).isEqualTo("DONE");
			assertThat(taskState(largeJob)).isEqualTo("DONE");
		});
		assertThat(validReplicas(small)).containsExactly("aws", "gcp");
		assertThat(validReplicas(large)).containsExactly("aws", "azure");
		assertThat(get("gcp", small)).isEqualTo(smallContent);
		assertThat(get("azure", large)).isEqualTo(largeContent);
		assertThat(carried("done") - carriedBefore).isEqualTo(2);
		assertThat(this.http.get("/migrator/status").json().get("copiesWaitingForRead").asLong())
			.isEqualTo(waiting - 2);
		// The job goes on as after any verified copy: the migrator (here a tick) ends it.
		this.migrator.tickInBackground();
		assertThat(this.jdbc.queryForObject("SELECT state FROM migration_job WHERE id = ?", String.class, smallJob))
			.isEqualTo("DONE");
	}

	@Test
	void aReadOfAReplicaWithOtherBytesCarriesNoCopyAndAnAskedForTickMakesItFromAGoodOne() {
		// aws holds other bytes than the object's: the read streaming them ends short,
		// the
		// upload never gets its last piece, and the copy goes back to the queue unspent.
		String key = "carry/damaged.txt";
		byte[] content = letters(2_000_000, 23);
		put(key, content, "aws", "azure");
		overwrite("aws", key, flipped(content, 10));
		long jobId = waitingForARead(job(key, "azure", "aws,azure,gcp", "gcp"));
		double failedBefore = carried("failed");

		byte[] answer = rawGet(contentPath(key));

		int bodyStart = indexOf(answer, "\r\n\r\n".getBytes(StandardCharsets.US_ASCII)) + 4;
		assertThat(answer.length - bodyStart).isLessThan(content.length);
		await().atMost(Duration.ofSeconds(20)).until(() -> carried("failed") > failedBefore);
		assertThat(taskState(jobId)).isEqualTo("PENDING");
		assertThat(
				this.jdbc.queryForObject("SELECT attempts FROM migration_task WHERE job_id = ?", Integer.class, jobId))
			.isZero();
		assertThat(validReplicas(key)).containsExactly("aws", "azure");
		assertThat(exists("gcp", key)).isFalse();

		// A tick asked for does not wait for reads: the copy is made from azure.
		this.migrator.tick();
		assertThat(taskState(jobId)).isEqualTo("DONE");
		assertThat(get("gcp", key)).isEqualTo(content);
	}

	/** The job's copy waits an hour for a read to carry it; returns the job's id. */
	private long waitingForARead(long jobId) {
		this.jdbc.update("UPDATE migration_task SET read_wait_until = ? WHERE job_id = ?",
				System.currentTimeMillis() + 3_600_000L, jobId);
		return jobId;
	}

	private String taskState(long jobId) {
		return this.jdbc.queryForObject("SELECT state FROM migration_task WHERE job_id = ?", String.class, jobId);
	}

	private double carried(String outcome) {
		return this.http
			.metric("dim_migration_copies_on_reads_total{application=\"api-service\",outcome=\"" + outcome + "\"}");
	}

	private static String contentPath(String key) {
		return "/files/" + URLEncoder.encode(key, StandardCharsets.UTF_8) + "/content";
	}

	/** Seeded random letters: text, so a read's body compares as a string. */
	private static byte[] letters(int size, long seed) {
		byte[] content = new byte[size];
		Random random = new Random(seed);
		for (int i = 0; i < size; i++) {
			content[i] = (byte) ('a' + random.nextInt(26));
		}
		return content;
	}

	/**
	 * Random bytes of that size, registered and stored as a verified replica on each
	 * endpoint.
	 */
	private byte[] putRandom(String key, int size, long seed, String... endpoints) {
		byte[] content = new byte[size];
		new Random(seed).nextBytes(content);
		put(key, content, endpoints);
		return content;
	}

	/** The same bytes with one bit flipped: same size, another SHA-256. */
	private static byte[] flipped(byte[] content, int at) {
		byte[] damaged = content.clone();
		damaged[at] ^= 1;
		return damaged;
	}

	@Test
	void aRestartTakesBackAtOnceTheTasksOfAStoppedProcessOfThisHostAndNoOthers() throws Exception {
		Process stopped = new ProcessBuilder("true").start();
		assertThat(stopped.waitFor(10, TimeUnit.SECONDS)).isTrue();
		String thisProcess = java.lang.management.ManagementFactory.getRuntimeMXBean().getName();
		String host = thisProcess.substring(thisProcess.indexOf('@') + 1);
		String stoppedHere = stopped.pid() + "@" + host + "/0000dead";
		String runningHere = ProcessHandle.current().pid() + "@" + host + "/0000live";
		String otherHost = stopped.pid() + "@other-" + host + "/0000away";
		long leaseUntil = System.currentTimeMillis() + 3_600_000;
		List<Long> jobs = new ArrayList<>();
		try {
			for (String owner : List.of(stoppedHere, runningHere, otherHost)) {
				long job = TestJobs.insert(this.jdbc, "leases/" + owner, "RUNNING", "aws,gcp", "COPY", "aws", "gcp");
				jobs.add(job);
				this.jdbc.update("UPDATE migration_task SET state = 'RUNNING', attempts = 1, lease_owner = ?, "
						+ "lease_until = ? WHERE job_id = ?", owner, leaseUntil, job);
			}

			assertThat(this.stoppedWorkers.takeBack()).isEqualTo(1);

			assertThat(leaseUntil(jobs.get(0))).isLessThan(System.currentTimeMillis());
			assertThat(leaseUntil(jobs.get(1))).isEqualTo(leaseUntil);
			assertThat(leaseUntil(jobs.get(2))).isEqualTo(leaseUntil);
			// The stopped process's task is due now: the next claim takes it.
			assertThat(this.jdbc.queryForObject(
					"SELECT COUNT(*) FROM migration_task WHERE job_id = ? AND "
							+ "state = 'RUNNING' AND lease_until < ?",
					Integer.class, jobs.get(0), System.currentTimeMillis()))
				.isEqualTo(1);
		}
		finally {
			for (long job : jobs) {
				this.jdbc.update("DELETE FROM migration_task WHERE job_id = ?", job);
				this.jdbc.update("DELETE FROM migration_job WHERE id = ?", job);
			}
		}
	}

	private long leaseUntil(long job) {
		return this.jdbc.queryForObject("SELECT lease_until FROM migration_task WHERE job_id = ?", Long.class, job);
	}

	@Test
	void objectsAlreadyInABucketAreAdoptedVerifiedAndPlacedAndAdoptionRequestsAreChecked() {
		byte[] report = "quarterly figures".getBytes(StandardCharsets.UTF_8);
		byte[] photo = new byte[300_000];
		new Random(11).nextBytes(photo);
		this.clients.client("aws")
			.putObject((r) -> r.bucket("dim-data").key("adopt/report.txt").contentType("text/plain"),
					RequestBody.fromBytes(report));
		overwrite("aws", "adopt/photos/é 1.bin", photo);
		put("adopt/managed.bin", "already managed".getBytes(StandardCharsets.UTF_8), "aws", "azure");
		overwrite("aws", "elsewhere/not-adopted.txt", report);
		// The same bytes on azure too: both are recorded.
		byte[] twin = "held twice".getBytes(StandardCharsets.UTF_8);
		overwrite("aws", "adopt/twin.txt", twin);
		overwrite("azure", "adopt/twin.txt", twin);
		// Other bytes under the same key on gcp: placing aws's would overwrite them.
		overwrite("aws", "adopt/conflict.txt", "version on aws".getBytes(StandardCharsets.UTF_8));
		overwrite("gcp", "adopt/conflict.txt", "version on gcp".getBytes(StandardCharsets.UTF_8));

		Http.Response streamed = this.http.post("/admin/adopt?endpoint=aws&prefix=adopt/", Http.API_KEY,
				"application/x-ndjson");
		assertThat(streamed.status()).isEqualTo(200);
		List<JsonNode> lines = ndjson(streamed.body());
		assertThat(lines).hasSize(6);
		assertThat(lines.subList(0, 5)).extracting((line) -> line.get("progress").get("action").asString())
			.containsExactlyInAnyOrder("adopted", "adopted", "adopted", "known", "conflict");
		JsonNode adopted = lines.get(5).get("report");
		assertThat(adopted.get("listed").asInt()).isEqualTo(5);
		assertThat(adopted.get("adopted").asInt()).isEqualTo(3);
		assertThat(adopted.get("known").asInt()).isOne();
		assertThat(adopted.get("conflicts").asInt()).isOne();
		assertThat(adopted.get("bytes").asLong()).isEqualTo(report.length + photo.length + twin.length);
		// The twin has its two replicas already: a job for each of the others.
		assertThat(adopted.get("jobsCreated").asInt()).isEqualTo(2);
		assertThat(validReplicas("adopt/twin.txt")).containsExactly("aws", "azure");
		JsonNode conflict = lines.stream()
			.map((line) -> line.get("progress"))
			.filter((step) -> step != null && step.get("action").asString().equals("conflict"))
			.findFirst()
			.orElseThrow();
		assertThat(conflict.get("key").asString()).isEqualTo("adopt/conflict.txt");
		assertThat(conflict.get("endpoints").toString()).contains("gcp");
		assertThat(this.jdbc.queryForObject("SELECT COUNT(*) FROM file_meta WHERE object_key = 'adopt/conflict.txt'",
				Integer.class))
			.isZero();

		// Recorded from the bytes read, with a verified replica where they were found.
		JsonNode file = this.http.get("/files/" + URLEncoder.encode("adopt/report.txt", StandardCharsets.UTF_8)).json();
		assertThat(file.get("sha256").asString()).isEqualTo(sha256(report));
		assertThat(file.get("contentType").asString()).startsWith("text/plain");
		assertThat(this.jdbc.queryForObject("SELECT sha256 FROM file_meta WHERE object_key = ?", String.class,
				"adopt/photos/é 1.bin"))
			.isEqualTo(sha256(photo));
		assertThat(this.jdbc.queryForObject("SELECT COUNT(*) FROM file_meta WHERE object_key LIKE 'elsewhere/%'",
				Integer.class))
			.isZero();

		// The optimizer's jobs bring each to REPLICATION_FACTOR verified replicas.
		assertThat(this.http.post("/migrator/drain?timeoutSeconds=60", Http.API_KEY).json().get("empty").asBoolean())
			.isTrue();
		for (String key : List.of("adopt/report.txt", "adopt/photos/é 1.bin", "adopt/twin.txt")) {
			assertThat(validReplicas(key)).as(key).hasSize(2);
			for (String endpoint : validReplicas(key)) {
				assertThat(sha256(get(endpoint, key))).as(key + " on " + endpoint)
					.isEqualTo(this.jdbc.queryForObject("SELECT sha256 FROM file_meta WHERE object_key = ?",
							String.class, key));
			}
		}

		assertThat(get("gcp", "adopt/conflict.txt")).isEqualTo("version on gcp".getBytes(StandardCharsets.UTF_8));

		// Again: nothing new to adopt, and the conflict still left alone.
		JsonNode again = this.http.post("/admin/adopt?endpoint=aws&prefix=adopt/", Http.API_KEY).json();
		assertThat(again.get("adopted").asInt()).isZero();
		assertThat(again.get("known").asInt()).isEqualTo(4);
		assertThat(again.get("conflicts").asInt()).isOne();

		assertThat(this.http.post("/admin/adopt?endpoint=aws", null).status()).isEqualTo(401);
		assertThat(this.http.post("/admin/adopt?endpoint=aws", Http.READ_KEY).status()).isEqualTo(403);
		Http.Response unknown = this.http.post("/admin/adopt?endpoint=nowhere", Http.API_KEY, "application/x-ndjson");
		assertThat(unknown.status()).isEqualTo(404);
		assertThat(unknown.json().get("detail").asString()).contains("nowhere");
		Http.Response missing = this.http.post("/admin/adopt", Http.API_KEY);
		assertThat(missing.status()).isEqualTo(400);
		assertThat(missing.json().get("parameter").asString()).isEqualTo("endpoint");
		Http.Response longPrefix = this.http.post("/admin/adopt?endpoint=aws&prefix=" + "p".repeat(1025), Http.API_KEY);
		assertThat(longPrefix.status()).isEqualTo(400);
		assertThat(longPrefix.json().get("parameter").asString()).isEqualTo("prefix");
	}

	@Test
	void anObjectABucketNotificationAnnouncesIsAdoptedWithoutAnyoneAsking() throws Exception {
		byte[] content = "written straight into the bucket".getBytes(StandardCharsets.UTF_8);
		overwrite("azure", "created/new.txt", content);
		announce(
				new ObjectCreated("dim-data", "created/new.txt", content.length, "e1",
						held("created/new.txt", content.length, "e1")),
				// Announced twice (a retried notification, DIM managing it by then):
				// adopted once.
				new ObjectCreated("dim-data", "created/new.txt", content.length, "e1", null),
				new ObjectCreated("another-bucket", "created/elsewhere.txt", content.length, "e2",
						held("created/elsewhere.txt", content.length, "e2")),
				new ObjectCreated("dim-data", "created/deleted-since.txt", 10, "e3",
						held("created/deleted-since.txt", 10, "e3")));
		send(Topics.CREATED, "x", "not json".getBytes(StandardCharsets.UTF_8));
		await().atMost(Duration.ofSeconds(60))
			.until(() -> this.http.get("/metrics").body().contains("outcome=\"unreadable\""));
		String metrics = this.http.get("/metrics").body();
		assertThat(metrics).containsPattern("dim_notified_objects_total\\{[^}]*outcome=\"adopted\"[^}]*\\} 1.0")
			.containsPattern("dim_notified_objects_total\\{[^}]*outcome=\"known\"[^}]*\\} 1.0")
			.containsPattern("dim_notified_objects_total\\{[^}]*outcome=\"absent\"[^}]*\\} 2.0");
		// Recorded from its bytes with a verified replica on azure, and placed: a job
		// copies it to a second endpoint.
		assertThat(this.jdbc.queryForObject("SELECT sha256 FROM file_meta WHERE object_key = 'created/new.txt'",
				String.class))
			.isEqualTo(sha256(content));
		assertThat(validReplicas("created/new.txt")).containsExactly("azure");
		assertThat(this.http.post("/migrator/drain?timeoutSeconds=60", Http.API_KEY).json().get("empty").asBoolean())
			.isTrue();
		assertThat(validReplicas("created/new.txt")).hasSize(2).contains("azure");
		assertThat(this.jdbc.queryForObject(
				"SELECT COUNT(*) FROM file_meta WHERE object_key = 'created/deleted-since.txt'", Integer.class))
			.isZero();
		// The held WRITEs: the adopted object's published once, to be counted; the others
		// dead-lettered as unknown keys (counted by the replay once adopted).
		assertThat(eventIds(Topics.ACCESS, "created/")).containsExactly("e1");
		assertThat(unknownKeyDeadLetters("created/")).containsExactlyInAnyOrder("e2", "e3");

		// Written again in a bucket by someone else: read back at once, and the other
		// bytes reported (never copied over: they may be the user's newest).
		overwrite("azure", "created/new.txt", "rewritten behind DIM's back".getBytes(StandardCharsets.UTF_8));
		announce(new ObjectCreated("dim-data", "created/new.txt", 27, "e7", null));
		await().atMost(Duration.ofSeconds(60)).until(() -> notified("rewritten") == 1.0);
		assertThat(this.mismatches.found("created/new.txt", "azure")).isTrue();
		assertThat(validReplicas("created/new.txt")).hasSize(2)
			.allSatisfy((endpoint) -> assertThat(this.mismatches.found("created/new.txt", endpoint))
				.isEqualTo(endpoint.equals("azure")));

		// An endpoint that does not answer: the adoption waits for it and goes on once it
		// answers again, within dim.adopt.notification-retry-for (8 s here).
		overwrite("azure", "created/during-outage.txt", content);
		overwrite("azure", "created/outlasted.txt", content);
		overwrite("azure", "created/after.txt", content);
		assertThat(this.http.post("/chaos/fail/aws", Http.API_KEY).status()).isEqualTo(200);
		announce(new ObjectCreated("dim-data", "created/during-outage.txt", content.length, "e4",
				held("created/during-outage.txt", content.length, "e4")));
		await().atMost(Duration.ofSeconds(30)).until(() -> waiting() == 1.0);
		this.http.post("/chaos/clear", Http.API_KEY);
		await().atMost(Duration.ofSeconds(60))
			.until(() -> this.jdbc.queryForObject(
					"SELECT COUNT(*) FROM file_meta WHERE object_key = 'created/during-outage.txt'",
					Integer.class) == 1);
		await().atMost(Duration.ofSeconds(10)).until(() -> waiting() == 0.0);

		// An outage outlasting that: counted and logged, not adopted, its WRITE
		// dead-lettered, and the listener goes on with the next one.
		assertThat(this.http.post("/chaos/fail/aws", Http.API_KEY).status()).isEqualTo(200);
		announce(new ObjectCreated("dim-data", "created/outlasted.txt", content.length, "e5",
				held("created/outlasted.txt", content.length, "e5")));
		await().atMost(Duration.ofSeconds(60)).until(() -> notified("unreachable") == 1.0);
		this.http.post("/chaos/clear", Http.API_KEY);
		announce(new ObjectCreated("dim-data", "created/after.txt", content.length, "e6",
				held("created/after.txt", content.length, "e6")));
		await().atMost(Duration.ofSeconds(60))
			.until(() -> this.jdbc.queryForObject(
					"SELECT COUNT(*) FROM file_meta WHERE object_key = 'created/after.txt'", Integer.class) == 1);
		assertThat(this.jdbc.queryForObject("SELECT COUNT(*) FROM file_meta WHERE object_key = 'created/outlasted.txt'",
				Integer.class))
			.isZero();
		await().atMost(Duration.ofSeconds(30))
			.untilAsserted(
					() -> assertThat(eventIds(Topics.ACCESS, "created/")).containsExactlyInAnyOrder("e1", "e4", "e6"));
		assertThat(unknownKeyDeadLetters("created/")).containsExactlyInAnyOrder("e2", "e3", "e5");
	}

	/** dim_notified_objects_total of one outcome (0 before it is counted). */
	private double notified(String outcome) {
		return counted("dim_notified_objects_total", outcome);
	}

	/** A counter's value for one outcome (0 before it is counted). */
	private double counted(String counter, String outcome) {
		return this.http.get("/metrics")
			.body()
			.lines()
			.filter((line) -> line.startsWith(counter + "{") && line.contains("outcome=\"" + outcome + "\""))
			.mapToDouble((line) -> Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1)))
			.findFirst()
			.orElse(0);
	}

	/**
	 * dim_notified_objects_waiting: 1 while an announced object waits for an endpoint.
	 */
	private double waiting() {
		return this.http.get("/metrics")
			.body()
			.lines()
			.filter((line) -> line.startsWith("dim_notified_objects_waiting"))
			.mapToDouble((line) -> Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1)))
			.findFirst()
			.orElse(-1);
	}

	/** The creation's WRITE as stream-service holds it in an announcement. */
	private static AccessEvent held(String key, long size, String eventId) {
		return new AccessEvent(eventId, key, AccessOp.WRITE, size, Instant.parse("2026-11-27T10:00:00Z"),
				"s3-notification");
	}

	/** The ids of the events on a topic whose key starts with the prefix, in order. */
	private static List<String> eventIds(String topic, String prefix) {
		return TopicContents.committed(stack.kafkaBootstrap(), topic)
			.stream()
			.filter((r) -> r.key() != null && r.key().startsWith(prefix))
			.map((r) -> JsonMapper.builder().build().readTree(r.value()).get("eventId").asString())
			.toList();
	}

	private static List<String> unknownKeyDeadLetters(String prefix) {
		List<String> ids = new ArrayList<>();
		for (var r : TopicContents.committed(stack.kafkaBootstrap(), Topics.ACCESS_DLQ)) {
			if (r.key() != null && r.key().startsWith(prefix)) {
				assertThat(new String(r.headers().lastHeader(Topics.REASON_HEADER).value(), StandardCharsets.UTF_8))
					.isEqualTo(Topics.UNKNOWN_KEY_REASON);
				ids.add(JsonMapper.builder().build().readTree(r.value()).get("eventId").asString());
			}
		}
		return ids;
	}

	private static void announce(ObjectCreated... created) {
		for (ObjectCreated one : created) {
			send(Topics.CREATED, one.key(), JsonMapper.builder().build().writeValueAsBytes(one));
		}
	}

	private static void send(String topic, String key, byte[] value) {
		try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(
				Map.of("bootstrap.servers", stack.kafkaBootstrap()), new StringSerializer(),
				new ByteArraySerializer())) {
			producer.send(new ProducerRecord<>(topic, key, value));
		}
	}

	@Test
	void aManagedObjectRemovedFromABucketBySomeoneElseIsReportedAtOnce() {
		String removed = "removed/by-hand.bin";
		putRandom(removed, 5_000, 23, "aws", "azure");
		String kept = "removed/put-back.bin";
		putRandom(kept, 5_000, 24, "aws", "azure");
		this.clients.client("azure").deleteObject((r) -> r.bucket("dim-data").key(removed));
		// One partition: once the last is counted, the others have been checked.
		for (ObjectRemoved one : List.of(new ObjectRemoved("dim-data", removed, "r1"),
				new ObjectRemoved("dim-data", kept, "r2"), new ObjectRemoved("another-bucket", removed, "r3"))) {
			send(Topics.REMOVED, one.key(), JsonMapper.builder().build().writeValueAsBytes(one));
		}
		await().atMost(Duration.ofSeconds(60))
			.until(() -> counted("dim_notified_removals_total", "not-placed-there") == 1.0);
		assertThat(counted("dim_notified_removals_total", "missing")).isEqualTo(1.0);
		assertThat(counted("dim_notified_removals_total", "still-there")).isEqualTo(1.0);
		// The replica gone from azure is reported, the one on aws read back and renewed;
		// nothing is copied back (the removal may be what its owner wanted).
		assertThat(this.mismatches.foundOn(removed)).containsExactly("azure");
		assertThat(this.mismatches.foundOn(kept)).isEmpty();
		// GET /files/{key} says which replica was found wrong.
		JsonNode replicas = this.http.get("/files/" + removed.replace("/", "%2F")).json().get("replicas");
		assertThat(replicas).extracting((r) -> r.get("endpoint").asString() + ":" + r.get("foundWrong").asBoolean())
			.containsExactly("aws:false", "azure:true");
		assertThat(validReplicas(removed)).containsExactly("aws", "azure");
		assertThat(this.clients.client("azure").listObjectsV2((r) -> r.bucket("dim-data").prefix(removed)).contents())
			.isEmpty();
	}

	@Test
	void aRemovalOrWriteNotifiedWhileItsEndpointIsDownLeavesThatReplicaToBeScrubbedFirst() {
		String removed = "removed/during-outage.bin";
		putRandom(removed, 5_000, 25, "aws", "azure");
		String written = "removed/written-during-outage.bin";
		putRandom(written, 5_000, 26, "aws", "azure");
		this.clients.client("azure").deleteObject((r) -> r.bucket("dim-data").key(removed));
		double before = counted("dim_notified_removals_total", "unreachable");
		double known = notified("known");
		assertThat(this.http.post("/chaos/fail/azure", Http.API_KEY).status()).isEqualTo(200);
		ObjectRemoved notification = new ObjectRemoved("dim-data", removed, "r4");
		send(Topics.REMOVED, removed, JsonMapper.builder().build().writeValueAsBytes(notification));
		announce(new ObjectCreated("dim-data", written, 5_000, "e9", null));
		await().atMost(Duration.ofSeconds(60))
			.until(() -> counted("dim_notified_removals_total", "unreachable") == before + 1
					&& notified("known") == known + 1);
		// A write notified then is treated alike.
		assertThat(verifiedAt(written, "azure")).isNull();
		assertThat(verifiedAt(written, "aws")).isNotNull();

		// azure's last check no longer vouches for its replica: the scrubber, longest
		// unverified first, takes it before any other once azure answers.
		assertThat(verifiedAt(removed, "azure")).isNull();
		assertThat(verifiedAt(removed, "aws")).isNotNull();
		assertThat(this.http.get("/files/" + removed.replace("/", "%2F")).json().get("replicas"))
			.extracting((r) -> r.get("endpoint").asString() + ":" + r.get("verifiedAt").isNull())
			.containsExactly("aws:false", "azure:true");
		assertThat(this.mismatches.foundOn(removed)).isEmpty();

		this.http.post("/chaos/clear", Http.API_KEY);
		await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
			this.http.post("/scrub", Http.API_KEY);
			assertThat(this.mismatches.foundOn(removed)).containsExactly("azure");
		});
	}

	@Test
	void anObjectIsForgottenOnlyOnceNoBucketHoldsIt() {
		String key = "forget/removed-everywhere.bin";
		String path = "/files/forget%2Fremoved-everywhere.bin";
		putRandom(key, 4_000, 31, "aws", "azure");
		long jobId = TestJobs.insert(this.jdbc, key, "PENDING", "azure,gcp", "COPY", "azure", "gcp");
		assertThat(this.http.post(path + "/forget", null).status()).isEqualTo(401);

		// Still in a bucket: refused, naming it, and nothing forgotten.
		this.clients.client("aws").deleteObject((r) -> r.bucket("dim-data").key(key));
		Http.Response stillThere = this.http.post(path + "/forget", Http.API_KEY);
		assertThat(stillThere.status()).isEqualTo(409);
		assertThat(stillThere.body()).contains("still in the bucket of azure").contains("nothing forgotten");
		assertThat(validReplicas(key)).containsExactly("aws", "azure");

		// An endpoint that cannot be asked: refused too.
		this.clients.client("azure").deleteObject((r) -> r.bucket("dim-data").key(key));
		assertThat(this.http.post("/chaos/fail/gcp", Http.API_KEY).status()).isEqualTo(200);
		try {
			Http.Response unasked = this.http.post(path + "/forget", Http.API_KEY);
			assertThat(unasked.status()).isEqualTo(503);
			assertThat(unasked.body()).contains("endpoint 'gcp' could not be asked");
		}
		finally {
			this.http.post("/chaos/clear", Http.API_KEY);
		}
		assertThat(this.http.get(path).status()).isEqualTo(200);

		// Removed from every bucket: forgotten, its unfinished task failed with why.
		Http.Response forgotten = this.http.post(path + "/forget", Http.API_KEY);
		assertThat(forgotten.status()).isEqualTo(200);
		JsonNode report = forgotten.json();
		assertThat(report.get("replicasForgotten").asInt()).isEqualTo(2);
		assertThat(report.get("tasksFailed").asInt()).isEqualTo(1);
		assertThat(this.http.get(path).status()).isEqualTo(404);
		assertThat(validReplicas(key)).isEmpty();
		assertThat(this.jdbc.queryForObject("SELECT state FROM migration_job WHERE id = ?", String.class, jobId))
			.isEqualTo("FAILED");
		assertThat(
				this.jdbc.queryForObject("SELECT last_error FROM migration_task WHERE job_id = ?", String.class, jobId))
			.startsWith("the object was forgotten");
		assertThat(this.http.post(path + "/forget", Http.API_KEY).status()).isEqualTo(404);
		// Announced, so stream-service stops counting the object's events at once.
		await().atMost(Duration.ofSeconds(30))
			.untilAsserted(() -> assertThat(TopicContents.committed(stack.kafkaBootstrap(), Topics.FORGOTTEN))
				.anyMatch((r) -> key.equals(r.key())
						&& key.equals(JsonMapper.builder().build().readValue(r.value(), ObjectForgotten.class).key())));
	}

	@Test
	void theOnlyReplicaKnownToHoldTheObjectsBytesIsNeverDeleted() {
		String key = "bad/keep-the-good-one.bin";
		byte[] content = putRandom(key, 20_000, 17, "aws", "azure");
		overwrite("azure", key, flipped(content, 100));
		this.http.post("/scrub", Http.API_KEY);
		assertThat(this.mismatches.found(key, "azure")).isTrue();
		// A job keeping only azure: its DELETE of aws would leave no good copy.
		long jobId = TestJobs.insert(this.jdbc, key, "RUNNING", "azure", "DELETE", null, "aws");
		this.http.post("/migrator/drain?timeoutSeconds=30", Http.API_KEY);
		assertThat(
				this.jdbc.queryForObject("SELECT last_error FROM migration_task WHERE job_id = ?", String.class, jobId))
			.startsWith("refusing to delete the only replica known to hold the object's bytes");
		assertThat(get("aws", key)).isEqualTo(content);
		assertThat(validReplicas(key)).containsExactly("aws", "azure");
	}

	/** The replica's verification time (epoch ms), or null when none vouches for it. */
	private Long verifiedAt(String key, String endpoint) {
		return this.jdbc.queryForObject("SELECT verified_at FROM replica WHERE object_key = ? AND endpoint = ?",
				Long.class, key, endpoint);
	}

	/** A GET over a plain socket: every byte the server sent, headers included. */
	private byte[] rawGet(String path) {
		try (java.net.Socket socket = new java.net.Socket("127.0.0.1", this.port)) {
			socket.setSoTimeout(30_000);
			socket.getOutputStream()
				.write(("GET " + path + " HTTP/1.1\r\nHost: localhost\r\nX-API-Key: " + Http.READ_KEY
						+ "\r\nConnection: close\r\n\r\n")
					.getBytes(StandardCharsets.US_ASCII));
			return socket.getInputStream().readAllBytes();
		}
		catch (java.io.IOException ex) {
			throw new java.io.UncheckedIOException(ex);
		}
	}

	private static int indexOf(byte[] data, byte[] part) {
		for (int i = 0; i + part.length <= data.length; i++) {
			if (java.util.Arrays.equals(data, i, i + part.length, part, 0, part.length)) {
				return i;
			}
		}
		throw new AssertionError("no " + new String(part, StandardCharsets.US_ASCII) + " in the answer");
	}

	private void overwrite(String endpoint, String key, byte[] content) {
		this.clients.client(endpoint)
			.putObject((r) -> r.bucket("dim-data").key(key).contentLength((long) content.length),
					RequestBody.fromBytes(content));
	}

	@Test
	void aToolCopyingToAnEndpointUnderChaosFeelsItThroughTheBuiltInEngine() {
		assumeRcloneUnlessCi();
		byte[] content = "copied under chaos".getBytes(StandardCharsets.UTF_8);
		put("tools/chaos.txt", content, "aws");
		String body = "{\"source\":\"aws\",\"target\":\"gcp\",\"key\":\"tools/chaos.txt\"}";
		try {
			this.faults.fail("gcp");
			JsonNode failed = this.http.postJson("/tools/rclone", Http.API_KEY, body).json();
			assertThat(failed.get("engine").asString()).isEqualTo("builtin");
			assertThat(failed.get("exitCode").asInt()).isEqualTo(1);
			assertThat(failed.get("objects").asInt()).isZero();
			assertThat(failed.get("output").asString())
				.startsWith("chaos faults on gcp (failed), which rclone's own requests would not feel: copied with the "
						+ "built-in engine")
				.contains("chaos: endpoint 'gcp' is failed");

			this.faults.recover("gcp");
			this.faults.latency("gcp", 5);
			JsonNode slow = this.http.postJson("/tools/rclone", Http.API_KEY, body).json();
			assertThat(slow.get("engine").asString()).isEqualTo("builtin");
			assertThat(slow.get("exitCode").asInt()).as(slow.get("output").asString()).isZero();
			assertThat(slow.get("objects").asInt()).isEqualTo(1);
			assertThat(slow.get("output").asString()).startsWith("chaos faults on gcp (latency 5 ms)");
		}
		finally {
			this.faults.clear();
		}
		assertThat(get("gcp", "tools/chaos.txt")).isEqualTo(content);
		JsonNode calm = this.http.postJson("/tools/rclone", Http.API_KEY, body).json();
		assertThat(calm.get("engine").asString()).as("no fault left: the binary runs").isEqualTo("rclone");
	}

	@Test
	void rcloneCopiesAKeyAndAPrefixForRealWithNoSecretInItsArgvOrOutput() {
		assumeRcloneUnlessCi();
		byte[] content = "copied by rclone".getBytes(StandardCharsets.UTF_8);
		put("tools/one.txt", content, "aws");
		put("tools/dir/a.txt", "a".getBytes(StandardCharsets.UTF_8), "aws");
		put("tools/dir/b.txt", "bb".getBytes(StandardCharsets.UTF_8), "aws");

		Http.Response one = this.http.postJson("/tools/rclone", Http.API_KEY,
				"{\"source\":\"aws\",\"target\":\"gcp\",\"key\":\"tools/one.txt\"}");
		assertThat(one.status()).isEqualTo(200);
		JsonNode result = one.json();
		assertThat(result.get("engine").asString()).isEqualTo("rclone");
		assertThat(result.get("exitCode").asInt()).as(result.get("output").asString()).isZero();
		assertThat(result.get("argv").toString()).contains("copyto", "src:dim-data/tools/one.txt",
				"dst:dim-data/tools/one.txt", "rclone " + io.dim.model.endpoint.DimUserAgent.MARKER);
		assertThat(result.get("objects").asInt()).isOne();
		assertThat(result.get("unchanged").asInt()).isZero();
		assertThat(result.get("bytes").asLong()).isEqualTo(content.length);
		assertThat(get("gcp", "tools/one.txt")).isEqualTo(content);
		assertThat(one.body()).doesNotContain(TestStack.CANARY);

		// Again: rclone finds the object the same on gcp and does not copy it.
		JsonNode again = this.http
			.postJson("/tools/rclone", Http.API_KEY,
					"{\"source\":\"aws\",\"target\":\"gcp\",\"key\":\"tools/one.txt\"}")
			.json();
		assertThat(again.get("exitCode").asInt()).as(again.get("output").asString()).isZero();
		assertThat(again.get("objects").asInt()).as(again.get("output").asString()).isZero();
		assertThat(again.get("unchanged").asInt()).isOne();
		assertThat(again.get("bytes").asLong()).isZero();
		// Changed on aws: copied again.
		byte[] changed = "copied by rclone, then changed".getBytes(StandardCharsets.UTF_8);
		this.clients.client("aws")
			.putObject((r) -> r.bucket("dim-data").key("tools/one.txt"), RequestBody.fromBytes(changed));
		JsonNode update = this.http
			.postJson("/tools/rclone", Http.API_KEY,
					"{\"source\":\"aws\",\"target\":\"gcp\",\"key\":\"tools/one.txt\"}")
			.json();
		assertThat(update.get("objects").asInt()).as(update.get("output").asString()).isOne();
		assertThat(update.get("unchanged").asInt()).isZero();
		assertThat(get("gcp", "tools/one.txt")).isEqualTo(changed);

		JsonNode folder = this.http
			.postJson("/tools/rclone", Http.API_KEY,
					"{\"source\":\"aws\",\"target\":\"azure\",\"prefix\":\"tools/dir/\"}")
			.json();
		assertThat(folder.get("exitCode").asInt()).as(folder.get("output").asString()).isZero();
		assertThat(folder.get("objects").asInt()).isEqualTo(2);
		assertThat(get("azure", "tools/dir/b.txt")).isEqualTo("bb".getBytes(StandardCharsets.UTF_8));
		// One new object in the folder: only it is copied.
		put("tools/dir/c.txt", "ccc".getBytes(StandardCharsets.UTF_8), "aws");
		JsonNode more = this.http
			.postJson("/tools/rclone", Http.API_KEY,
					"{\"source\":\"aws\",\"target\":\"azure\",\"prefix\":\"tools/dir/\"}")
			.json();
		assertThat(more.get("objects").asInt()).as(more.get("output").asString()).isOne();
		assertThat(more.get("unchanged").asInt()).isEqualTo(2);
		assertThat(more.get("bytes").asLong()).isEqualTo(3);

		// With progress: a line for each object rclone reports copied, then the report.
		Http.Response streamed = this.http.postJson("/tools/rclone", Http.API_KEY,
				"{\"source\":\"aws\",\"target\":\"gcp\",\"prefix\":\"tools/dir/\"}", "application/x-ndjson");
		assertThat(streamed.contentType()).startsWith("application/x-ndjson");
		List<JsonNode> lines = ndjson(streamed.body());
		JsonNode report = lines.get(lines.size() - 1).get("report");
		assertThat(report.get("exitCode").asInt()).as(report.get("output").asString()).isZero();
		List<JsonNode> progress = lines.subList(0, lines.size() - 1)
			.stream()
			.map((line) -> line.get("progress"))
			.toList();
		assertThat(progress).allSatisfy((line) -> assertThat(line.get("objects").asInt()).isEqualTo(3));
		JsonNode last = progress.get(progress.size() - 1);
		assertThat(last.get("copied").asInt()).isEqualTo(3);
		assertThat(last.get("bytes").asLong()).isEqualTo(6);
		assertThat(last.get("totalBytes").asLong()).isEqualTo(6);
		assertThat(report.get("objects").asInt()).isEqualTo(3);
		assertThat(progress).anySatisfy((line) -> assertThat(line.get("line").asString()).contains("b.txt: Copied"));
		assertThat(streamed.body()).doesNotContain(TestStack.CANARY);
	}

	@Test
	void aToolCopyNeverReplacesAVerifiedReplicaWithOtherBytes() {
		byte[] content = "the object's bytes".getBytes(StandardCharsets.UTF_8);
		put("tools/guard/managed.txt", content, "aws", "azure");
		// Another version of the key on gcp, put there by hand, and a key DIM does not
		// manage.
		byte[] other = "another version".getBytes(StandardCharsets.UTF_8);
		this.clients.client("gcp")
			.putObject((r) -> r.bucket("dim-data").key("tools/guard/managed.txt"), RequestBody.fromBytes(other));
		this.clients.client("gcp")
			.putObject((r) -> r.bucket("dim-data").key("tools/guard/loose.txt"), RequestBody.fromBytes(other));

		for (String tool : List.of("rclone", "s5cmd")) {
			Http.Response key = this.http.postJson("/tools/" + tool, Http.API_KEY,
					"{\"source\":\"gcp\",\"target\":\"azure\",\"key\":\"tools/guard/managed.txt\"}");
			assertThat(key.status()).as(key.body()).isEqualTo(409);
			assertThat(key.json().get("detail").asString()).contains(
					"azure holds DIM's replica of " + "'tools/guard/managed.txt'",
					"what gcp holds under that key is no verified replica of the object's size");
		}
		// A prefix: refused whole, so not even the loose key is copied.
		Http.Response prefix = this.http.postJson("/tools/rclone", Http.API_KEY,
				"{\"source\":\"gcp\",\"target\":\"aws\",\"prefix\":\"tools/guard/\"}", "application/x-ndjson");
		assertThat(prefix.status()).as(prefix.body()).isEqualTo(409);
		assertThat(prefix.json().get("refused").asInt()).isOne();
		assertThat(exists("aws", "tools/guard/loose.txt")).isFalse();
		assertThat(get("aws", "tools/guard/managed.txt")).isEqualTo(content);
		assertThat(get("azure", "tools/guard/managed.txt")).isEqualTo(content);

		// From a verified replica: allowed, onto a replica and onto gcp (no replica
		// there).
		Http.Response fromVerified = this.http.postJson("/tools/s5cmd", Http.API_KEY,
				"{\"source\":\"aws\",\"target\":\"azure\",\"key\":\"tools/guard/managed.txt\"}");
		assertThat(fromVerified.status()).as(fromVerified.body()).isEqualTo(200);
		Http.Response ontoNoReplica = this.http.postJson("/tools/s5cmd", Http.API_KEY,
				"{\"source\":\"aws\",\"target\":\"gcp\",\"key\":\"tools/guard/managed.txt\"}");
		assertThat(ontoNoReplica.status()).as(ontoNoReplica.body()).isEqualTo(200);
		assertThat(get("gcp", "tools/guard/managed.txt")).isEqualTo(content);

		// A replica found holding other bytes is not verified...
		this.jdbc.update("UPDATE replica SET found_wrong_at = ? WHERE object_key = ? AND endpoint = 'aws'",
				System.currentTimeMillis(), "tools/guard/managed.txt");
		assertThat(this.http
			.postJson("/tools/s5cmd", Http.API_KEY,
					"{\"source\":\"aws\",\"target\":\"azure\",\"key\":\"tools/guard/managed.txt\"}")
			.status()).isEqualTo(409);
		// ...nor is one whose size is not the object's (overwritten by hand since).
		this.jdbc.update("UPDATE replica SET found_wrong_at = NULL WHERE object_key = ?", "tools/guard/managed.txt");
		this.clients.client("aws")
			.putObject((r) -> r.bucket("dim-data").key("tools/guard/managed.txt"), RequestBody.fromBytes(other));
		assertThat(this.http
			.postJson("/tools/s5cmd", Http.API_KEY,
					"{\"source\":\"aws\",\"target\":\"azure\",\"key\":\"tools/guard/managed.txt\"}")
			.status()).isEqualTo(409);
		assertThat(get("azure", "tools/guard/managed.txt")).isEqualTo(content);
	}

	private static List<JsonNode> ndjson(String body) {
		tools.jackson.databind.ObjectMapper json = new tools.jackson.databind.ObjectMapper();
		return body.lines().map(json::readTree).toList();
	}

	@Test
	void s5cmdFallsBackToTheBuiltInEngineWhenItIsNotInstalled() {
		org.junit.jupiter.api.Assumptions.assumeFalse(
				java.nio.file.Files.isExecutable(java.nio.file.Path.of("/usr/bin/s5cmd")), "s5cmd is installed");
		put("tools/s5.txt", "via builtin".getBytes(StandardCharsets.UTF_8), "azure");
		JsonNode result = this.http
			.postJson("/tools/s5cmd", Http.API_KEY,
					"{\"source\":\"azure\",\"target\":\"aws\",\"key\":\"tools/s5.txt\"}")
			.json();
		assertThat(result.get("engine").asString()).isEqualTo("builtin");
		assertThat(result.get("output").asString()).contains("s5cmd is not installed");
		assertThat(result.get("objects").asInt()).isOne();
		assertThat(get("aws", "tools/s5.txt")).isEqualTo("via builtin".getBytes(StandardCharsets.UTF_8));

		put("tools/s5dir/a.txt", "a".getBytes(StandardCharsets.UTF_8), "azure");
		put("tools/s5dir/b.txt", "bb".getBytes(StandardCharsets.UTF_8), "azure");
		List<JsonNode> lines = ndjson(this.http
			.postJson("/tools/s5cmd", Http.API_KEY,
					"{\"source\":\"azure\",\"target\":\"gcp\",\"prefix\":\"tools/s5dir/\"}", "application/x-ndjson")
			.body());
		assertThat(lines).hasSize(3);
		assertThat(lines.get(0).get("progress").get("copied").asInt()).isOne();
		assertThat(lines.get(1).get("progress").get("copied").asInt()).isEqualTo(2);
		assertThat(lines.get(1).get("progress").get("bytes").asLong()).isEqualTo(3);
		assertThat(lines.get(1).get("progress").get("line").asString()).startsWith("copied tools/s5dir/b.txt");
		assertThat(lines.get(2).get("report").get("engine").asString()).isEqualTo("builtin");
		assertThat(get("gcp", "tools/s5dir/b.txt")).isEqualTo("bb".getBytes(StandardCharsets.UTF_8));
	}

	@Test
	void toolRequestsAreValidatedFieldByField() {
		assertThat(tool(null, "{\"source\":\"aws\",\"target\":\"gcp\",\"key\":\"x\"}").status()).isEqualTo(401);
		assertBad("{\"source\":\"nowhere\",\"target\":\"gcp\",\"key\":\"x\"}", "source");
		assertBad("{\"source\":\"aws\",\"key\":\"x\"}", "target");
		assertBad("{\"source\":\"aws\",\"target\":\"aws\",\"key\":\"x\"}", "target");
		assertBad("{\"source\":\"aws\",\"target\":\"gcp\"}", "key");
		assertBad("{\"source\":\"aws\",\"target\":\"gcp\",\"key\":\"../etc/passwd\"}", "key");
		assertBad("{\"source\":\"aws\",\"target\":\"gcp\",\"key\":\"--config=/x\"}", "key");
		assertBad("{\"source\":\"aws\",\"target\":\"gcp\",\"prefix\":\"tools\"}", "prefix");
		assertThat(tool(Http.API_KEY, "{\"source\":\"aws\",\"target\":\"gcp\",\"key\":\"no/such\"}").status())
			.isEqualTo(404);
		// Asked with progress, a bad request is refused the same way before anything
		// runs.
		Http.Response refused = this.http.postJson("/tools/rclone", Http.API_KEY,
				"{\"source\":\"aws\",\"target\":\"aws\",\"key\":\"x\"}", "application/x-ndjson");
		assertThat(refused.status()).isEqualTo(400);
		assertThat(refused.contentType()).startsWith("application/problem+json");
		assertThat(refused.json().get("parameter").asString()).isEqualTo("target");
	}

	/** CI installs rclone (scripts/test), so there its absence fails the test. */
	private static void assumeRcloneUnlessCi() {
		if (System.getenv("CI") == null) {
			org.junit.jupiter.api.Assumptions.assumeTrue(
					java.nio.file.Files.isExecutable(java.nio.file.Path.of("/usr/bin/rclone")),
					"rclone is not installed (scripts/test installs it)");
		}
	}

	private Http.Response tool(String apiKey, String json) {
		return this.http.postJson("/tools/s5cmd", apiKey, json);
	}

	private void assertBad(String json, String field) {
		Http.Response response = tool(Http.API_KEY, json);
		assertThat(response.status()).as(json).isEqualTo(400);
		assertThat(response.json().get("detail").asString()).as(json).contains("'" + field + "'");
	}

	@Test
	void chaosControlsAreValidatedAndNeedTheApiKey() {
		assertThat(this.http.post("/chaos/fail/nowhere", Http.API_KEY).status()).isEqualTo(404);
		assertThat(this.http.post("/chaos/fail/aws", null).status()).isEqualTo(401);
		Http.Response badMs = this.http.post("/chaos/latency/aws?ms=-5", Http.API_KEY);
		assertThat(badMs.status()).isEqualTo(400);
		assertThat(badMs.json().get("detail").asString()).contains("ms");
		assertThat(this.http.post("/chaos/flaky/aws?rate=2", Http.API_KEY).status()).isEqualTo(400);
		JsonNode flaky = this.http.post("/chaos/flaky/aws?rate=0.5", Http.API_KEY).json();
		assertThat(flaky.get("flakyRate").asDouble()).isEqualTo(0.5);
		JsonNode slow = this.http.post("/chaos/latency/aws?ms=30", Http.API_KEY).json();
		assertThat(slow.get("latencyMs").asLong()).isEqualTo(30);
		assertThat(slow.get("failed").asBoolean()).isFalse();
		JsonNode cleared = this.http.post("/chaos/clear", Http.API_KEY).json();
		assertThat(cleared.findValuesAsString("endpoint")).hasSize(3);
		assertThat(cleared.get(0).get("flakyRate").asDouble()).isZero();
	}

	/**
	 * Every object has a VALID replica on a reachable endpoint whose bytes hash right.
	 */
	private void everyObjectHasAVerifiedReadableReplica(List<String> keys) {
		for (String key : keys) {
			String expected = this.jdbc.queryForObject("SELECT sha256 FROM file_meta WHERE object_key = ?",
					String.class, key);
			boolean readable = false;
			for (String endpoint : validReplicas(key)) {
				if (!this.faults.isFailed(endpoint) && sha256(get(endpoint, key)).equals(expected)) {
					readable = true;
					break;
				}
			}
			assertThat(readable).as("%s has a verified replica whose bytes match", key).isTrue();
		}
	}

	private long open() {
		return this.jdbc.queryForObject(
				"SELECT COUNT(*) FROM migration_task WHERE state IN ('PENDING', 'RUNNING', 'RETRY')", Long.class)
				+ this.jdbc.queryForObject("SELECT COUNT(*) FROM migration_job WHERE state IN ('PENDING', 'RUNNING')",
						Long.class);
	}

	private void put(String key, byte[] content, String... endpoints) {
		for (String endpoint : endpoints) {
			this.clients.client(endpoint)
				.putObject((r) -> r.bucket("dim-data").key(key).contentLength((long) content.length),
						RequestBody.fromBytes(content));
		}
		long now = System.currentTimeMillis();
		this.jdbc.update(
				"INSERT INTO file_meta (object_key, size_bytes, content_type, sha256, version_token, "
						+ "created_at) VALUES (?, ?, 'application/octet-stream', ?, '', ?)",
				key, content.length, sha256(content), now);
		for (String endpoint : endpoints) {
			this.jdbc.update("INSERT INTO replica (object_key, endpoint, state, verified_at) VALUES (?, ?, 'VALID', ?)",
					key, endpoint, now);
		}
	}

	/** A job as the optimizer writes it: target placement and one COPY task. */
	private long job(String key, String source, String targets, String copyTo) {
		return TestJobs.insert(this.jdbc, key, "PENDING", targets, "COPY", source, copyTo);
	}

	private Set<String> validReplicas(String key) {
		return new TreeSet<>(this.jdbc
			.queryForList("SELECT endpoint FROM replica WHERE object_key = ? AND state = 'VALID'", String.class, key));
	}

	private boolean exists(String endpoint, String key) {
		try {
			this.clients.client(endpoint).headObject((r) -> r.bucket("dim-data").key(key));
			return true;
		}
		catch (software.amazon.awssdk.services.s3.model.S3Exception ex) {
			if (ex.statusCode() == 404) {
				return false;
			}
			throw ex;
		}
	}

	private byte[] get(String endpoint, String key) {
		return this.clients.client(endpoint)
			.getObject((r) -> r.bucket("dim-data").key(key), ResponseTransformer.toBytes())
			.asByteArray();
	}

	private static String sha256(byte[] content) {
		try {
			return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(content));
		}
		catch (java.security.NoSuchAlgorithmException ex) {
			throw new IllegalStateException(ex);
		}
	}

}
