package io.dim.systemtest;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;

import io.dim.localstack.FreePorts;
import io.dim.localstack.LocalStack;
import io.dim.localstack.S3Endpoint;
import io.dim.model.endpoint.EndpointConfig;
import io.dim.model.endpoint.LocalEndpoints;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The migrator killed for real: api-service runs from its jar, copies large objects in
 * multipart uploads (slowed by chaos latency on the target), and gets {@code kill -9}
 * while a copy is half done. Restarted on the same database, it takes the task up after
 * its lease, aborts the half-done upload, and finishes every job: each object ends on its
 * target placement with verified replicas whose bytes hash right, the source replica is
 * deleted only after its copy was verified, and no multipart upload is left anywhere.
 */
class MigratorKilledSystemTests {

	private static final int OBJECTS = 4;

	private static final int SIZE = 16 * 1024 * 1024;

	@Test
	void aMigratorKilledMidCopyFinishesEveryJobAfterARestartAndLeavesNoUpload(@TempDir Path dir) throws Exception {
		String database = "jdbc:sqlite:" + dir.resolve("state.db");
		Path work = CoreLoopOnLocalStackSystemTests.work("migrator-killed");
		try (LocalStack stack = LocalStack.startOnFreePorts(dir.resolve("stack"), LocalEndpoints.defaults())) {
			Map<String, S3Client> s3 = new HashMap<>();
			for (EndpointConfig endpoint : stack.endpoints()) {
				s3.put(endpoint.name(), S3Endpoint.client(endpoint));
				s3.get(endpoint.name()).createBucket((b) -> b.bucket(endpoint.bucket()));
			}
			Map<String, String> environment = Map.of("KAFKA_BOOTSTRAP", stack.kafkaBootstrap(), "DB_URL", database,
					"S3_ENDPOINTS", stack.s3EndpointsJson(), "DIM_API_KEY", CoreLoop.ADMIN_KEY, "DIM_READ_API_KEY",
					CoreLoop.READ_KEY, "ML_SERVICE_URL", "http://127.0.0.1:9");
			// Ticks only when asked; multipart from 5 MB (parts of 5 MB); a dead worker's
			// lease runs out after 10 s.
			List<String> settings = List.of("--dim.migrator.scheduler-enabled=false",
					"--dim.migrator.multipart-threshold=5MB", "--dim.migrator.part-size=5MB",
					"--dim.migrator.lease=10s", "--dim.migrator.backoff=1s");
			int port = FreePorts.pick();
			Map<String, String> env = new HashMap<>(environment);
			env.put("API_PORT", String.valueOf(port));
			Map<String, String> sha256 = new HashMap<>();
			ServiceProcess first = ServiceProcess.start("api-service", port, env, settings, work, "api-service.log");
			try {
				ServiceClient api = new ServiceClient(port, CoreLoop.ADMIN_KEY, CoreLoop.READ_KEY);
				for (int i = 0; i < OBJECTS; i++) {
					byte[] content = new byte[SIZE];
					new Random(i).nextBytes(content);
					String key = "killed/object-" + i + ".bin";
					for (String endpoint : List.of("aws", "azure")) {
						s3.get(endpoint)
							.putObject((r) -> r.bucket("dim-data").key(key), RequestBody.fromBytes(content));
					}
					sha256.put(key, CoreLoop.sha256(content));
				}
				try (Connection sql = DriverManager.getConnection(database)) {
					sql.createStatement().execute("PRAGMA busy_timeout = 10000");
					for (Map.Entry<String, String> object : sha256.entrySet()) {
						register(sql, object.getKey(), object.getValue());
					}
				}
				// Every call to gcp waits 1.5 s: each part of a copy takes that long.
				api.post("/chaos/latency/gcp?ms=1500");
				CompletableFuture<Void> drain = CompletableFuture.runAsync(() -> {
					try {
						api.post("/migrator/drain?timeoutSeconds=600");
					}
					catch (AssertionError ex) {
						// the process is killed under it
					}
				});
				await("a copy half done").atMost(Duration.ofMinutes(2))
					.pollInterval(Duration.ofMillis(200))
					.until(() -> !s3.get("gcp").listMultipartUploads((r) -> r.bucket("dim-data")).uploads().isEmpty());
				assertThat(first.kill()).as("exit status of kill -9").isEqualTo(137);
				drain.join();
			}
			finally {
				first.close();
			}
			assertThat(s3.get("gcp").listMultipartUploads((r) -> r.bucket("dim-data")).uploads())
				.as("the upload the kill left behind")
				.isNotEmpty();
			assertThat(count(database, "SELECT COUNT(*) FROM migration_task WHERE state = 'RUNNING'")).isPositive();

			try (ServiceProcess second = ServiceProcess.start("api-service", port, env, settings, work,
					"api-service-restarted.log")) {
				ServiceClient api = new ServiceClient(port, CoreLoop.ADMIN_KEY, CoreLoop.READ_KEY);
				await("every job done").atMost(Duration.ofMinutes(3)).pollInterval(Duration.ofSeconds(1)).until(() -> {
					api.post("/migrator/drain?timeoutSeconds=30");
					return count(database, "SELECT COUNT(*) FROM migration_job WHERE state <> 'DONE'") == 0;
				});
				JsonNode status = api.get("/migrator/status");
				assertThat(status.get("failedTasks")).as("failed tasks: " + status).isEmpty();
				for (Map.Entry<String, String> object : sha256.entrySet()) {
					String key = object.getKey();
					JsonNode detail = api.get("/files/" + ServiceClient.segment(key));
					Set<String> valid = new TreeSet<>();
					detail.get("replicas").forEach((r) -> {
						if ("VALID".equals(r.get("state").asString())) {
							valid.add(r.get("endpoint").asString());
						}
					});
					assertThat(valid).as("replicas of " + key).containsExactly("azure", "gcp");
					for (String endpoint : valid) {
						byte[] bytes = s3.get(endpoint)
							.getObjectAsBytes((r) -> r.bucket("dim-data").key(key))
							.asByteArray();
						assertThat(CoreLoop.sha256(bytes)).as(key + " on " + endpoint).isEqualTo(object.getValue());
					}
					assertThat(exists(s3.get("aws"), key)).as(key + " deleted from its old endpoint").isFalse();
				}
				assertThat(deletesBeforeVerification(database)).as("source replicas deleted before their copy")
					.isZero();
			}
			for (S3Client client : s3.values()) {
				assertThat(client.listMultipartUploads((r) -> r.bucket("dim-data")).uploads()).isEmpty();
				client.close();
			}
		}
	}

	/**
	 * The object with VALID replicas on aws and azure, and a job to {azure, gcp} with its
	 * COPY task, as the optimizer writes them.
	 */
	private static void register(Connection sql, String key, String sha256) throws Exception {
		long now = System.currentTimeMillis();
		update(sql, "INSERT INTO file_meta (object_key, size_bytes, content_type, sha256, version_token, created_at) "
				+ "VALUES (?, ?, 'application/octet-stream', ?, '', ?)", key, SIZE, sha256, now);
		for (String endpoint : List.of("aws", "azure")) {
			update(sql, "INSERT INTO replica (object_key, endpoint, state, verified_at) VALUES (?, ?, 'VALID', ?)", key,
					endpoint, now);
		}
		update(sql, "INSERT INTO migration_job (object_key, state, reason, target_endpoints, created_at, updated_at) "
				+ "VALUES (?, 'PENDING', 'system test', 'azure,gcp', ?, ?)", key, now, now);
		update(sql, "INSERT INTO migration_task (job_id, kind, object_key, source_endpoint, target_endpoint, state, "
				+ "attempts, next_attempt_at, created_at, updated_at) SELECT id, 'COPY', object_key, 'aws', 'gcp', "
				+ "'PENDING', 0, ?, ?, ? FROM migration_job WHERE object_key = ?", now, now, now, key);
	}

	private static void update(Connection sql, String statement, Object... values) throws Exception {
		try (PreparedStatement update = sql.prepareStatement(statement)) {
			for (int i = 0; i < values.length; i++) {
				update.setObject(i + 1, values[i]);
			}
			update.executeUpdate();
		}
	}

	/** DELETE tasks that finished before their job's COPY task did. */
	private static long deletesBeforeVerification(String database) throws Exception {
		return count(database, "SELECT COUNT(*) FROM migration_task d JOIN migration_task c ON c.job_id = d.job_id "
				+ "WHERE d.kind = 'DELETE' AND c.kind = 'COPY' AND (c.state <> 'DONE' OR d.updated_at < c.updated_at)");
	}

	private static long count(String database, String query) throws Exception {
		try (Connection sql = DriverManager.getConnection(database);
				Statement statement = sql.createStatement();
				ResultSet rows = statement.executeQuery(query)) {
			rows.next();
			return rows.getLong(1);
		}
	}

	private static boolean exists(S3Client s3, String key) {
		try {
			s3.headObject((r) -> r.bucket("dim-data").key(key));
			return true;
		}
		catch (software.amazon.awssdk.services.s3.model.S3Exception ex) {
			if (ex.statusCode() == 404) {
				return false;
			}
			throw ex;
		}
	}

}
