package io.dim.api.read;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

import io.dim.model.endpoint.EndpointCatalog;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;

/**
 * Replicas a read, a copy or the {@link Scrubber} found not to hold the object's bytes
 * (another size, or another SHA-256): counted in
 * {@code dim_replica_mismatches_total{endpoint}}, logged, kept for the
 * {@code replica_mismatch} alert, and the migrator's last choice of a source. A finding
 * is remembered for {@code dim.alerts.mismatch-window}; reading the replica wrong again
 * renews it. The catalogue is not changed on that finding alone: the replica may be
 * damaged, or the object rewritten behind DIM's back, and only a person can tell which.
 */
@Component
public class ReplicaMismatches {

	private static final Logger log = LoggerFactory.getLogger(ReplicaMismatches.class);

	private final MeterRegistry registry;

	private final Clock clock;

	private final Duration remembered;

	/** endpoint → object key → when a read last found it wrong. */
	private final Map<String, Map<String, Instant>> found = new ConcurrentHashMap<>();

	// The setting is the alert's (validated with the alert settings); read here by
	// name, so that reads do not depend on the alert feature.
	@Autowired
	ReplicaMismatches(MeterRegistry registry, EndpointCatalog endpoints,
			@Value("${dim.alerts.mismatch-window:1h}") Duration remembered) {
		this(registry, endpoints, remembered, Clock.systemUTC());
	}

	ReplicaMismatches(MeterRegistry registry, EndpointCatalog endpoints, Duration remembered, Clock clock) {
		this.registry = registry;
		this.remembered = remembered;
		this.clock = clock;
		// Every endpoint's series from the start at 0: Prometheus's increase() misses
		// the first finding of a series born at 1.
		endpoints.all().forEach((endpoint) -> counter(endpoint.name()));
	}

	public void record(String key, String endpoint, String what) {
		counter(endpoint).increment();
		this.found.computeIfAbsent(endpoint, (e) -> new ConcurrentHashMap<>()).put(key, this.clock.instant());
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
		Map<String, Instant> keys = this.found.get(endpoint);
		Instant at = (keys != null) ? keys.get(key) : null;
		return at != null && !forgotten(at);
	}

	/**
	 * The keys found wrong within the remembered window, by endpoint name; older findings
	 * are dropped here.
	 */
	public Map<String, List<String>> recent() {
		Map<String, List<String>> recent = new TreeMap<>();
		this.found.forEach((endpoint, keys) -> {
			keys.values().removeIf(this::forgotten);
			List<String> sorted = keys.keySet().stream().sorted().toList();
			if (!sorted.isEmpty()) {
				recent.put(endpoint, sorted);
			}
		});
		return recent;
	}

	/** How long a finding is remembered ({@code dim.alerts.mismatch-window}). */
	public Duration remembered() {
		return this.remembered;
	}

	private boolean forgotten(Instant foundAt) {
		return foundAt.plus(this.remembered).isBefore(this.clock.instant());
	}

}
