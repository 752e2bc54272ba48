package io.dim.api.optimize;

import io.dim.model.placement.Costs;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

import io.dim.model.endpoint.EndpointConfig;

/**
 * The endpoints at the start of a placement run: health, policy and the bytes each holds.
 * A run reserves room for the copies it plans, so a bulk run does not overfill an
 * endpoint with limited capacity.
 */
public final class EndpointSnapshot {

	private final Map<String, EndpointFacts> endpoints = new LinkedHashMap<>();

	private final Map<String, Long> usedBytes = new LinkedHashMap<>();

	private final boolean enforceEncryption;

	EndpointSnapshot(Collection<EndpointFacts> endpoints, Map<String, Long> usedBytes, boolean enforceEncryption) {
		endpoints.forEach((e) -> this.endpoints.put(e.name(), e));
		this.usedBytes.putAll(usedBytes);
		this.enforceEncryption = enforceEncryption;
	}

	public Collection<EndpointFacts> all() {
		return this.endpoints.values();
	}

	public Optional<EndpointFacts> find(String name) {
		return Optional.ofNullable(this.endpoints.get(name));
	}

	public boolean enforceEncryption() {
		return this.enforceEncryption;
	}

	public long usedBytes(String endpoint) {
		return this.usedBytes.getOrDefault(endpoint, 0L);
	}

	/**
	 * Why an object of {@code size} bytes may not get a replica on the endpoint, or null
	 * if it may. An endpoint that already holds the object needs no room for it.
	 */
	public String exclusion(EndpointFacts endpoint, long size, boolean holdsObject) {
		if (!endpoint.healthy()) {
			return "unhealthy: " + endpoint.healthProblem();
		}
		if (endpoint.excludedByPolicy()) {
			return "not encrypted, and the policy enforces encrypted destinations";
		}
		EndpointConfig config = endpoint.config();
		long used = usedBytes(endpoint.name());
		if (!holdsObject && !config.unlimitedCapacity() && used + size > config.capacityGb() * Costs.BYTES_PER_GB) {
			return String.format(Locale.ROOT, "full: %.3f of %.3f GB used", used / Costs.BYTES_PER_GB,
					config.capacityGb());
		}
		return null;
	}

	/** Counts a planned copy against the endpoint's capacity. */
	void reserve(String endpoint, long size) {
		this.usedBytes.merge(endpoint, size, Long::sum);
	}

}
