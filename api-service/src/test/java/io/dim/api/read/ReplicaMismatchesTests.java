package io.dim.api.read;

import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.dim.model.endpoint.EndpointCatalog;
import io.dim.model.endpoint.EndpointConfig;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;

import static org.assertj.core.api.Assertions.assertThat;

class ReplicaMismatchesTests {

	private static final Instant START = Instant.parse("2026-11-27T08:00:00Z");

	private final SimpleMeterRegistry registry = new SimpleMeterRegistry();

	private Clock now = Clock.fixed(START, ZoneOffset.UTC);

	private final ReplicaMismatches mismatches = new ReplicaMismatches(this.registry,
			new EndpointCatalog(List.of(endpoint("aws"), endpoint("gcp"))), Duration.ofHours(1), new Clock() {
				@Override
				public Instant instant() {
					return ReplicaMismatchesTests.this.now.instant();
				}

				@Override
				public java.time.ZoneId getZone() {
					return ZoneOffset.UTC;
				}

				@Override
				public Clock withZone(java.time.ZoneId zone) {
					return this;
				}
			});

	@Test
	void everyEndpointsCounterStartsAtZeroAndCountsEachFinding() {
		assertThat(count("aws")).isZero();
		assertThat(count("gcp")).isZero();
		this.mismatches.record("a.bin", "aws", "holds 3 bytes, the object has 4");
		this.mismatches.record("a.bin", "aws", "holds 3 bytes, the object has 4");
		assertThat(count("aws")).isEqualTo(2);
		assertThat(count("gcp")).isZero();
	}

	@Test
	void aFindingIsRememberedForTheWindowAndForgottenAfterItWithoutBeingAskedForTheAlert() {
		this.mismatches.record("a.bin", "aws", "wrong SHA-256");
		advance(Duration.ofMinutes(59));
		assertThat(this.mismatches.found("a.bin", "aws")).isTrue();
		assertThat(this.mismatches.found("a.bin", "gcp")).isFalse();
		// Nothing else asked in between (alerts off): the finding is forgotten anyway.
		advance(Duration.ofMinutes(2));
		assertThat(this.mismatches.found("a.bin", "aws")).isFalse();
		assertThat(this.mismatches.recent()).isEmpty();
	}

	@Test
	void aReplicaFoundWrongAgainIsRememberedFromTheLastFinding() {
		this.mismatches.record("a.bin", "aws", "wrong SHA-256");
		this.mismatches.record("b.bin", "aws", "the object is not there");
		advance(Duration.ofMinutes(40));
		this.mismatches.record("a.bin", "aws", "wrong SHA-256");
		this.mismatches.record("c.bin", "gcp", "wrong SHA-256");
		advance(Duration.ofMinutes(30));
		assertThat(this.mismatches.recent()).isEqualTo(Map.of("aws", List.of("a.bin"), "gcp", List.of("c.bin")));
		assertThat(this.mismatches.found("b.bin", "aws")).isFalse();
	}

	private void advance(Duration by) {
		this.now = Clock.offset(this.now, by);
	}

	private double count(String endpoint) {
		return this.registry.get("dim_replica_mismatches").tag("endpoint", endpoint).counter().count();
	}

	private static EndpointConfig endpoint(String name) {
		return new EndpointConfig(name, URI.create("http://127.0.0.1:1"), "id", "secret", "dim-data", 20, 0.02, false,
				0.09, 0, "local", "local");
	}

}
