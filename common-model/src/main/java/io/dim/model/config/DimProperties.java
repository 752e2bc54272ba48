package io.dim.model.config;

import java.net.URI;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * The settings of DESIGN.md, read from the environment variables named in brackets (see
 * {@link DimEnvironment}). Checked here so a bad value stops the service at start.
 *
 * @param kafkaBootstrap Kafka bootstrap servers ({@code KAFKA_BOOTSTRAP})
 * @param slaLatencyMs latency a hot object's serving replica must meet
 * ({@code SLA_LATENCY_MS})
 * @param replicationFactor replicas every object keeps ({@code REPLICATION_FACTOR})
 * @param s3Endpoints raw JSON of the endpoints, empty for the local stack
 * ({@code S3_ENDPOINTS})
 * @param mlServiceUrl base URL of ml-service ({@code ML_SERVICE_URL})
 * @param apiKey the admin key, sent as X-API-Key ({@code DIM_API_KEY}; see
 * {@code io.dim.model.security.ApiKeys})
 */
@ConfigurationProperties("dim")
public record DimProperties(String kafkaBootstrap, double slaLatencyMs, int replicationFactor, String s3Endpoints,
		URI mlServiceUrl, String apiKey) {

	public DimProperties {
		if (kafkaBootstrap == null || kafkaBootstrap.isBlank()) {
			throw new InvalidSettingException("KAFKA_BOOTSTRAP", "must name at least one host:port");
		}
		if (!(slaLatencyMs > 0)) {
			throw new InvalidSettingException("SLA_LATENCY_MS",
					"must be a positive number of milliseconds (got " + slaLatencyMs + ")");
		}
		if (replicationFactor < 1) {
			throw new InvalidSettingException("REPLICATION_FACTOR",
					"must be at least 1 (got " + replicationFactor + ")");
		}
		if (mlServiceUrl == null || mlServiceUrl.getScheme() == null
				|| !(mlServiceUrl.getScheme().equals("http") || mlServiceUrl.getScheme().equals("https"))) {
			throw new InvalidSettingException("ML_SERVICE_URL", "must be an http:// or https:// URL");
		}
		s3Endpoints = (s3Endpoints != null) ? s3Endpoints : "";
		apiKey = (apiKey != null) ? apiKey.trim() : "";
	}

	@Override
	public String toString() {
		return "DimProperties[kafkaBootstrap=" + this.kafkaBootstrap + ", slaLatencyMs=" + this.slaLatencyMs
				+ ", replicationFactor=" + this.replicationFactor + ", mlServiceUrl=" + this.mlServiceUrl
				+ ", apiKey=****]";
	}

}
