package io.dim.api.migrate;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

import io.dim.api.endpoint.EndpointProbe;
import io.dim.api.s3.ChaosProperties;
import io.dim.api.s3.S3Clients;
import io.dim.api.s3.S3FaultStore;
import io.dim.api.s3.S3Faults;
import io.dim.api.support.TestStack;
import io.dim.localstack.LocalStack;
import io.dim.model.endpoint.EndpointCatalog;
import io.dim.model.testing.TestDatabases;
import io.dim.model.testing.TestDatabases.Vendor;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import software.amazon.awssdk.core.exception.SdkClientException;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

/**
 * Chaos faults are the cluster's, not one instance's: api-service instances sharing a
 * database (SQLite and PostgreSQL) all feel a fault injected through any of them, their
 * deletes wait for it at once, and an instance started later finds it.
 */
class ChaosAcrossInstancesTests {

	static LocalStack stack;

	@TempDir
	Path tempDir;

	@BeforeAll
	static void startEndpoints() {
		stack = TestStack.startS3();
	}

	@AfterAll
	static void stopEndpoints() throws Exception {
		stack.close();
	}

	@ParameterizedTest
	@EnumSource(Vendor.class)
	void aFaultInjectedThroughOneInstanceReachesTheOthers(Vendor vendor) {
		String url = vendor.freshUrl(this.tempDir);
		TestDatabases.migrate(url);
		JdbcTemplate jdbc = new JdbcTemplate(new DriverManagerDataSource(url));
		S3Faults first = start(jdbc, Duration.ofMillis(200));
		// Refreshed once a minute: what it knows sooner, it reads when asked.
		S3Faults second = start(jdbc, Duration.ofMinutes(1));
		S3Clients secondClients = new S3Clients(new EndpointCatalog(stack.endpoints()), second,
				new SimpleMeterRegistry());
		DeleteGuard secondDeletes = new DeleteGuard(new EndpointCatalog(stack.endpoints()), second,
				new EndpointProbe(secondClients));
		S3Faults later = null;
		try {
			secondClients.client("aws").listBuckets();
			assertThat(secondDeletes.whyWait()).isEmpty();

			first.fail("aws");
			Instant failedSince = first.failedSince("aws").orElseThrow();
			assertThat(secondDeletes.whyWait()).contains("endpoint aws is failed (chaos)");
			assertThat(second.failedSince("aws")).contains(failedSince);
			assertThatThrownBy(() -> secondClients.client("aws").listBuckets()).isInstanceOf(SdkClientException.class)
				.hasMessageContaining("chaos: endpoint 'aws' is failed");
			first.fail("aws");
			assertThat(first.failedSince("aws")).as("failing again keeps the first time").contains(failedSince);

			// Two instances changing different faults of one endpoint keep both.
			first.latency("gcp", 5);
			second.flaky("gcp", 0.25);
			await().atMost(Duration.ofSeconds(10))
				.untilAsserted(() -> assertThat(first.of("gcp")).isEqualTo(new S3Faults.Fault(null, 5, 0.25)));

			later = start(jdbc, Duration.ofMinutes(1));
			assertThat(later.isFailed("aws")).as("an instance started later").isTrue();
			assertThat(later.of("gcp")).isEqualTo(new S3Faults.Fault(null, 5, 0.25));

			second.recover("aws");
			await().atMost(Duration.ofSeconds(10)).until(() -> !first.isFailed("aws"));
			assertThat(secondDeletes.whyWait()).isEmpty();
			secondClients.client("aws").listBuckets();

			second.latency("gcp", 0);
			first.flaky("gcp", 0);
			assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM chaos_fault", Integer.class))
				.as("a row with no fault left is removed")
				.isZero();
			first.fail("azure");
			second.clear();
			assertThat(second.all()).isEmpty();
			await().atMost(Duration.ofSeconds(10)).until(() -> first.all().isEmpty());
		}
		finally {
			secondClients.destroy();
			first.destroy();
			second.destroy();
			if (later != null) {
				later.destroy();
			}
		}
	}

	@Test
	void withoutAStoreThereAreNoFaultsAndNoneCanBeInjected() {
		S3Faults alone = new S3Faults();
		assertThatThrownBy(() -> alone.fail("aws")).isInstanceOf(IllegalStateException.class)
			.hasMessageContaining("need the database");
		assertThat(alone.isFailed("aws")).isFalse();
		assertThat(alone.all()).isEmpty();
	}

	private static S3Faults start(JdbcTemplate jdbc, Duration refresh) {
		S3Faults faults = new S3Faults(new S3FaultStore(jdbc), new ChaosProperties(refresh));
		faults.afterPropertiesSet();
		return faults;
	}

}
