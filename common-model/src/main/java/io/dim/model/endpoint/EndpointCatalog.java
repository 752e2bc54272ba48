package io.dim.model.endpoint;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import io.dim.model.config.InvalidSettingException;

/** The configured endpoints, in configuration order, looked up by name. */
public final class EndpointCatalog {

	private final Map<String, EndpointConfig> byName = new LinkedHashMap<>();

	public EndpointCatalog(List<EndpointConfig> endpoints) {
		endpoints.forEach((endpoint) -> this.byName.put(endpoint.name(), endpoint));
	}

	/** The catalogue of {@code S3_ENDPOINTS}, or of the local stack when it is blank. */
	public static EndpointCatalog fromSetting(String s3Endpoints, int replicationFactor) {
		List<EndpointConfig> endpoints = (s3Endpoints == null || s3Endpoints.isBlank()) ? LocalEndpoints.defaults()
				: EndpointCatalogParser.parse(s3Endpoints);
		if (replicationFactor > endpoints.size()) {
			throw new InvalidSettingException("REPLICATION_FACTOR", "is " + replicationFactor + " but only "
					+ endpoints.size() + " endpoints are configured in S3_ENDPOINTS");
		}
		return new EndpointCatalog(endpoints);
	}

	public List<EndpointConfig> all() {
		return List.copyOf(this.byName.values());
	}

	public Optional<EndpointConfig> find(String name) {
		return Optional.ofNullable(this.byName.get(name));
	}

	public boolean contains(String name) {
		return this.byName.containsKey(name);
	}

	public int size() {
		return this.byName.size();
	}

}
