package io.dim.api.migrate;

import java.net.URI;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DriverManagerDataSource;
import org.springframework.util.unit.DataSize;

import io.dim.api.cluster.ClusterLock;
import io.dim.api.endpoint.EndpointProbe;
import io.dim.api.s3.S3Clients;
import io.dim.api.s3.S3Faults;
import io.dim.api.support.TestStack;
import io.dim.localstack.LocalStack;
import io.dim.model.config.DimProperties;
import io.dim.model.endpoint.EndpointCatalog;
import io.dim.model.endpoint.EndpointConfig;
import io.dim.model.testing.TestDatabases;
import io.dim.model.testing.TestDatabases.Vendor;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The repair scan's grace period runs from when an endpoint stopped answering, whichever
 * instance scans (SQLite and PostgreSQL): an instance taking over the scans after another
 * does not start the period again.
 */
class OutageAcrossInstancesTests {

	static LocalStack stack;

	@BeforeAll
	static void startEndpoints() {
		stack = TestStack.startS3();
	}

	@AfterAll
	static void stopEndpoints() throws Exception {
		stack.close();
	}

	@TempDir
	Path tempDir;

	@ParameterizedTest
	@EnumSource(Vendor.class)
	void anInstanceTakingOverTheScansCountsTheGracePeriodFromTheOutagesStart(Vendor vendor) throws Exception {
		String url = vendor.freshUrl(this.tempDir);
		TestDatabases.migrate(url);
		JdbcTemplate jdbc = new JdbcTemplate(new DriverManagerDataSource(url));
		// Nothing listens on port 1: the endpoint's probe finds it down.
		EndpointConfig local = TestStack.endpoints().get(0);
		EndpointConfig down = new EndpointConfig(local.name(), URI.create("http://127.0.0.1:1"), local.accessKey(),
				local.secretKey(), local.bucket(), local.latencyMs(), local.costPerGb(), local.encrypted(),
				local.egressCostPerGb(), local.capacityGb(), local.provider(), local.region());
		EndpointCatalog catalog = new EndpointCatalog(List.of(down));
		S3Clients clients = new S3Clients(catalog, new S3Faults(), new SimpleMeterRegistry());
		try {
			RepairScanner first = scanner(catalog, clients, jdbc, "instance-a");
			assertThat(first.failedPastGrace()).isEmpty();
			Thread.sleep(1100); // past the 1 s grace period

			RepairScanner second = scanner(catalog, clients, jdbc, "instance-b");
			assertThat(second.failedPastGrace()).as("the second instance's first scan").containsExactly(down.name());
			assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM endpoint_outage", Integer.class)).isEqualTo(1);
		}
		finally {
			clients.destroy();
		}
	}

	@ParameterizedTest
	@EnumSource(Vendor.class)
	void theOutageIsForgottenOnceTheEndpointAnswers(Vendor vendor) {
		String url = vendor.freshUrl(this.tempDir);
		TestDatabases.migrate(url);
		JdbcTemplate jdbc = new JdbcTemplate(new DriverManagerDataSource(url));
		EndpointConfig up = stack.endpoints().get(0);
		jdbc.update("INSERT INTO endpoint_outage (endpoint, down_since) VALUES (?, 0)", up.name());
		EndpointCatalog catalog = new EndpointCatalog(List.of(up));
		S3Clients clients = new S3Clients(catalog, new S3Faults(), new SimpleMeterRegistry());
		try {
			assertThat(scanner(catalog, clients, jdbc, "instance-a").failedPastGrace()).isEmpty();
			assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM endpoint_outage", Integer.class)).isZero();
		}
		finally {
			clients.destroy();
		}
	}

	private static RepairScanner scanner(EndpointCatalog catalog, S3Clients clients, JdbcTemplate jdbc, String owner) {
		MigratorProperties settings = new MigratorProperties(false, Duration.ofSeconds(5), 16, 4, 5,
				Duration.ofSeconds(2), Duration.ofMinutes(5), Duration.ofMinutes(2), DataSize.ofMegabytes(64),
				DataSize.ofMegabytes(8), Duration.ofSeconds(1), Duration.ofMinutes(5));
		DimProperties dim = new DimProperties("127.0.0.1:9092", 50, 2, "", URI.create("http://127.0.0.1:8001"), "key");
		return new RepairScanner(catalog, new EndpointProbe(clients), new S3Faults(), null, jdbc, settings, dim,
				new ClusterLock(jdbc, owner, Clock.systemUTC()), Duration.ofSeconds(15));
	}

}
