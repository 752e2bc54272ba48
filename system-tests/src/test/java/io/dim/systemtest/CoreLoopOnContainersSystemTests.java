package io.dim.systemtest;

import java.net.URI;
import java.util.ArrayList;
import java.util.List;

import io.dim.model.endpoint.EndpointConfig;
import io.dim.model.endpoint.LocalEndpoints;
import org.junit.jupiter.api.Test;
import org.testcontainers.containers.MinIOContainer;
import org.testcontainers.junit.jupiter.Container;
import org.testcontainers.junit.jupiter.Testcontainers;
import org.testcontainers.postgresql.PostgreSQLContainer;
import org.testcontainers.redpanda.RedpandaContainer;

/**
 * The core loop on the engines of docker-compose.yml: Redpanda for Kafka, three MinIO
 * servers as the aws, azure and gcp endpoints, PostgreSQL as the shared database (the
 * images and versions of docker-compose.yml). Skipped when no Docker engine is reachable,
 * as on the development machines; runs wherever one is.
 */
@Testcontainers(disabledWithoutDocker = true)
class CoreLoopOnContainersSystemTests {

	private static final String MINIO_IMAGE = "minio/minio:RELEASE.2025-04-22T22-12-26Z";

	@Container
	static final RedpandaContainer REDPANDA = new RedpandaContainer("redpandadata/redpanda:v24.3.7");

	@Container
	static final PostgreSQLContainer POSTGRES = new PostgreSQLContainer("postgres:17").withDatabaseName("dim")
		.withUsername("dim")
		.withPassword("dim-system-test");

	@Container
	static final MinIOContainer AWS = minio();

	@Container
	static final MinIOContainer AZURE = minio();

	@Container
	static final MinIOContainer GCP = minio();

	@Test
	void eventsBecomeHeatThatMovesVerifiedReplicas() throws Exception {
		List<MinIOContainer> servers = List.of(AWS, AZURE, GCP);
		List<EndpointConfig> local = LocalEndpoints.defaults();
		List<EndpointConfig> endpoints = new ArrayList<>();
		for (int i = 0; i < local.size(); i++) {
			endpoints.add(onMinio(local.get(i), servers.get(i)));
		}
		String database = POSTGRES.getJdbcUrl() + (POSTGRES.getJdbcUrl().contains("?") ? "&" : "?") + "user="
				+ POSTGRES.getUsername() + "&password=" + POSTGRES.getPassword();
		new CoreLoop(endpoints, REDPANDA.getBootstrapServers(), database,
				CoreLoopOnLocalStackSystemTests.work("containers"))
			.run();
	}

	private static MinIOContainer minio() {
		return new MinIOContainer(MINIO_IMAGE).withUserName("dim-system-test").withPassword("dim-system-test-secret");
	}

	/**
	 * The local endpoint's name, latency, costs and encryption, served by a MinIO
	 * container.
	 */
	private static EndpointConfig onMinio(EndpointConfig endpoint, MinIOContainer server) {
		return new EndpointConfig(endpoint.name(), URI.create(server.getS3URL()), server.getUserName(),
				server.getPassword(), endpoint.bucket(), endpoint.latencyMs(), endpoint.costPerGb(),
				endpoint.encrypted(), endpoint.egressCostPerGb(), endpoint.capacityGb(), endpoint.provider(),
				endpoint.region());
	}

}
