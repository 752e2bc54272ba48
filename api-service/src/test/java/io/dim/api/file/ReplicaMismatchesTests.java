package io.dim.api.file;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

import io.dim.api.support.SettableClock;
import io.dim.model.endpoint.EndpointCatalog;
import io.dim.model.endpoint.EndpointConfig;
import io.dim.model.testing.TestDatabases;
import io.dim.model.testing.TestDatabases.Vendor;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Findings kept in the database (SQLite and PostgreSQL): what one instance found, another
 * (or the same one restarted) knows.
 */
class ReplicaMismatchesTests {

	@TempDir
	Path tempDir;

	private final SettableClock clock = new SettableClock(Instant.parse("2026-11-27T08:00:00Z"));

	private final SimpleMeterRegistry registry = new SimpleMeterRegistry();

	private JdbcTemplate jdbc;

	private ReplicaMismatches prepared(Vendor vendor) {
		String url = vendor.freshUrl(this.tempDir);
		TestDatabases.migrate(url);
		this.jdbc = new JdbcTemplate(new DriverManagerDataSource(url));
		for (String key : List.of("a.bin", "b.bin", "c.bin")) {
			this.jdbc.update("INSERT INTO file_meta (object_key, size_bytes, content_type, sha256, version_token, "
					+ "created_at) VALUES (?, 4, 'application/octet-stream', ?, '', 0)", key, "0".repeat(64));
			for (String endpoint : List.of("aws", "gcp")) {
				this.jdbc.update(
						"INSERT INTO replica (object_key, endpoint, state, verified_at) VALUES (?, ?, 'VALID', 0)", key,
						endpoint);
			}
		}
		return instance();
	}

	/** Another instance on the same database. */
	private ReplicaMismatches instance() {
		return new ReplicaMismatches(this.registry, new EndpointCatalog(List.of(endpoint("aws"), endpoint("gcp"))),
				this.jdbc, Duration.ofHours(1), this.clock);
	}

	@ParameterizedTest
	@EnumSource(Vendor.class)
	void everyEndpointsCounterStartsAtZeroAndCountsEachFinding(Vendor vendor) {
		ReplicaMismatches mismatches = prepared(vendor);
		assertThat(count("aws")).isZero();
		assertThat(count("gcp")).isZero();
		mismatches.record("a.bin", "aws", "holds 3 bytes, the object has 4");
		mismatches.record("a.bin", "aws", "holds 3 bytes, the object has 4");
		assertThat(count("aws")).isEqualTo(2);
		assertThat(count("gcp")).isZero();
	}

	@ParameterizedTest
	@EnumSource(Vendor.class)
	void aFindingIsKnownToEveryInstanceForTheWindowAndForgottenAfterIt(Vendor vendor) {
		prepared(vendor).record("a.bin", "aws", "wrong SHA-256");
		ReplicaMismatches other = instance();
		this.clock.advance(Duration.ofMinutes(59));
		assertThat(other.found("a.bin", "aws")).isTrue();
		assertThat(other.found("a.bin", "gcp")).isFalse();
		assertThat(other.foundOn("a.bin")).containsExactly("aws");
		this.clock.advance(Duration.ofMinutes(2));
		assertThat(other.found("a.bin", "aws")).isFalse();
		assertThat(other.recent()).isEmpty();
	}

	@ParameterizedTest
	@EnumSource(Vendor.class)
	void aReplicaFoundWrongAgainIsRememberedFromTheLastFindingAndAVerifiedCopyClearsIt(Vendor vendor) {
		ReplicaMismatches mismatches = prepared(vendor);
		mismatches.record("a.bin", "aws", "wrong SHA-256");
		mismatches.record("b.bin", "aws", "the object is not there");
		mismatches.record("c.bin", "aws", "wrong SHA-256");
		this.clock.advance(Duration.ofMinutes(40));
		mismatches.record("a.bin", "aws", "wrong SHA-256");
		mismatches.record("c.bin", "gcp", "wrong SHA-256");
		this.clock.advance(Duration.ofMinutes(30));
		assertThat(mismatches.recent()).isEqualTo(Map.of("aws", List.of("a.bin"), "gcp", List.of("c.bin")));
		assertThat(mismatches.found("b.bin", "aws")).isFalse();

		// As the migrator records a verified copy over it.
		this.jdbc.update("UPDATE replica SET found_wrong_at = NULL WHERE object_key = 'a.bin' AND endpoint = 'aws'");
		assertThat(mismatches.recent()).isEqualTo(Map.of("gcp", List.of("c.bin")));
	}

	private double count(String endpoint) {
		return this.registry.get("dim_replica_mismatches").tag("endpoint", endpoint).counter().count();
	}

	private static EndpointConfig endpoint(String name) {
		return new EndpointConfig(name, URI.create("http://127.0.0.1:1"), "id", "secret", "dim-data", 20, 0.02, false,
				0.09, 0, "local", "local");
	}

}
