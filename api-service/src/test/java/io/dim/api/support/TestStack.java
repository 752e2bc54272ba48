package io.dim.api.support;

import java.net.URI;
import java.nio.file.Path;
import java.util.List;
import java.util.UUID;

import io.dim.localstack.LocalStack;
import io.dim.model.endpoint.EndpointConfig;
import io.dim.model.endpoint.LocalEndpoints;
import io.dim.localstack.TempDirs;

/**
 * Real S3 endpoints (S3Proxy) on free ports for api-service tests, configured with unique
 * canary secrets so tests can prove a secret never leaves the process.
 */
public final class TestStack {

	private TestStack() {
	}

	/** A canary secret per endpoint name, unique to this JVM. */
	public static final String CANARY = "canary-" + UUID.randomUUID();

	public static String secretOf(String endpoint) {
		return CANARY + "-" + endpoint;
	}

	/** The local default endpoints, with canary secrets. */
	public static List<EndpointConfig> endpoints() {
		return LocalEndpoints.defaults()
			.stream()
			.map((e) -> new EndpointConfig(e.name(), URI.create("http://127.0.0.1:1"), e.accessKey(),
					secretOf(e.name()), e.bucket(), e.latencyMs(), e.costPerGb(), e.encrypted(), e.egressCostPerGb(),
					e.capacityGb(), e.provider(), e.region()))
			.toList();
	}

	/** S3 endpoints only (no Kafka), started once per test class that asks. */
	public static LocalStack startS3() {
		return start(false);
	}

	/** Kafka and the S3 endpoints. */
	public static LocalStack startAll() {
		return start(true);
	}

	private static LocalStack start(boolean kafka) {
		try {
			Path dir = TempDirs.deletedOnExit("dim-test-stack");
			return kafka ? LocalStack.startOnFreePorts(dir, endpoints())
					: LocalStack.startS3OnFreePorts(dir, endpoints());
		}
		catch (Exception ex) {
			throw new IllegalStateException("cannot start the test S3 endpoints", ex);
		}
	}

	/**
	 * Points api-service at the stack: a fresh SQLite database, the stack's endpoints and
	 * broker, the test API key, and a bootstrap of {@code objects} objects of at most
	 * {@code maxBytes}.
	 */
	public static void register(org.springframework.test.context.DynamicPropertyRegistry registry, LocalStack stack,
			int objects, int maxBytes) {
		registry.add("spring.datasource.url", TestStack::sqliteUrl);
		registry.add("dim.s3-endpoints", stack::s3EndpointsJson);
		registry.add("dim.kafka-bootstrap", stack::kafkaBootstrap);
		registry.add("dim.api-key", () -> Http.API_KEY);
		registry.add("dim.read-api-key", () -> Http.READ_KEY);
		registry.add("dim.bootstrap.objects", () -> objects);
		registry.add("dim.bootstrap.max-bytes", () -> maxBytes);
		// No ml-service in these tests (port 9 refuses connections), even when a local
		// stack from dev-up runs on this machine: the optimizer uses the heat bands.
		registry.add("dim.ml-service-url", () -> NO_ML_SERVICE);
		// Alert and scrub rounds only when a test asks for one (POST /alerts/evaluate,
		// POST /scrub).
		registry.add("dim.alerts.enabled", () -> "false");
		registry.add("dim.scrub.enabled", () -> "false");
	}

	/**
	 * Like {@link #register}, for a stack without a broker (S3 only): Kafka listeners and
	 * topic creation off, and no background migrator.
	 */
	public static void registerWithoutBroker(org.springframework.test.context.DynamicPropertyRegistry registry,
			LocalStack stack, int objects, int maxBytes) {
		register(registry, stack, objects, maxBytes);
		registry.add("dim.kafka-bootstrap", () -> "127.0.0.1:1");
		registry.add("spring.kafka.listener.auto-startup", () -> "false");
		registry.add("spring.kafka.admin.auto-create", () -> "false");
		registry.add("dim.migrator.scheduler-enabled", () -> "false");
	}

	/** An ml-service URL nothing answers on. */
	public static final String NO_ML_SERVICE = "http://127.0.0.1:9";

	public static String sqliteUrl() {
		return "jdbc:sqlite:" + TempDirs.deletedOnExit("dim-test-db").resolve("state.db");
	}

}
