package io.dim.api.file;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

import io.dim.model.endpoint.EndpointCatalog;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;

/**
 * Replicas a read, a copy or the scrubber found not to hold the object's bytes (another
 * size, or another SHA-256): counted in {@code dim_replica_mismatches_total{endpoint}},
 * logged, and kept in the replica's row ({@code found_wrong_at}), so that every instance,
 * and one restarted, knows them: for the {@code replica_mismatch} alert, as the last
 * choice of reads and of the migrator's sources, and left out of scrub rounds. A finding
 * counts for {@code dim.alerts.mismatch-window}; finding the replica wrong again renews
 * it, and a verified copy or scrub of it clears it. The catalogue is not changed
 * otherwise: the replica may be damaged, or the object rewritten behind DIM's back, and
 * only a person can tell which.
 */
@Component
public class ReplicaMismatches {

	private static final Logger log = LoggerFactory.getLogger(ReplicaMismatches.class);

	private final MeterRegistry registry;

	private final JdbcTemplate jdbc;

	private final Clock clock;

	private final Duration remembered;

	// The setting is the alert's (validated with the alert settings); read here by
	// name, so that reads do not depend on the alert feature.
	@Autowired
	ReplicaMismatches(MeterRegistry registry, EndpointCatalog endpoints, JdbcTemplate jdbc,
			@Value("${dim.alerts.mismatch-window:1h}") Duration remembered) {
		this(registry, endpoints, jdbc, remembered, Clock.systemUTC());
	}

	ReplicaMismatches(MeterRegistry registry, EndpointCatalog endpoints, JdbcTemplate jdbc, Duration remembered,
			Clock clock) {
		this.registry = registry;
		this.jdbc = jdbc;
		this.remembered = remembered;
		this.clock = clock;
		// Every endpoint's series from the start at 0: Prometheus's increase() misses
		// the first finding of a series born at 1.
		endpoints.all().forEach((endpoint) -> counter(endpoint.name()));
	}

	public void record(String key, String endpoint, String what) {
		counter(endpoint).increment();
		this.jdbc.update("UPDATE replica SET found_wrong_at = ? WHERE object_key = ? AND endpoint = ?",
				this.clock.millis(), key, endpoint);
		log.error("The replica of '{}' on {} does not hold the object's bytes: {}", key, endpoint, what);
	}

	private Counter counter(String endpoint) {
		return Counter.builder("dim_replica_mismatches")
			.description("Replicas that reads, copies or the scrubber found not to hold the object's bytes")
			.tag("endpoint", endpoint)
			.register(this.registry);
	}

	/**
	 * Whether the replica of {@code key} on {@code endpoint} was found wrong within the
	 * remembered window.
	 */
	public boolean found(String key, String endpoint) {
		return foundOn(key).contains(endpoint);
	}

	/** The endpoints whose replica of {@code key} was found wrong within the window. */
	public Set<String> foundOn(String key) {
		return new TreeSet<>(
				this.jdbc.queryForList("SELECT endpoint FROM replica WHERE object_key = ? AND found_wrong_at >= ?",
						String.class, key, since()));
	}

	/** The keys found wrong within the remembered window, by endpoint name. */
	public Map<String, List<String>> recent() {
		Map<String, List<String>> recent = new TreeMap<>();
		this.jdbc.query(
				"SELECT endpoint, object_key FROM replica WHERE found_wrong_at >= ? ORDER BY endpoint, object_key",
				(row) -> {
					recent.computeIfAbsent(row.getString(1), (e) -> new ArrayList<>()).add(row.getString(2));
				}, since());
		return recent;
	}

	/** How long a finding is remembered ({@code dim.alerts.mismatch-window}). */
	public Duration remembered() {
		return this.remembered;
	}

	/** Findings from this time on (epoch milliseconds) count. */
	public long since() {
		return this.clock.millis() - this.remembered.toMillis();
	}

}
