package io.dim.model.endpoint;

import java.net.URI;
import java.util.List;

/**
 * The endpoints of the local stack, used when {@code S3_ENDPOINTS} is not set. Their
 * metadata differs on purpose so that placement has real trade-offs: aws is fast,
 * expensive and encrypted; azure is in the middle; gcp is slow, cheap and unencrypted.
 * The credentials are for the loopback-only local stack and nothing else.
 */
public final class LocalEndpoints {

	public static final String BUCKET = "dim-data";

	private LocalEndpoints() {
	}

	public static List<EndpointConfig> defaults() {
		return List.of(local("aws", 9000, 20, 0.023, true, 0.09, "us-east-1"),
				local("azure", 9100, 60, 0.018, true, 0.087, "westeurope"),
				local("gcp", 9200, 150, 0.010, false, 0.12, "us-central1"));
	}

	private static EndpointConfig local(String name, int port, double latencyMs, double costPerGb, boolean encrypted,
			double egressCostPerGb, String region) {
		return new EndpointConfig(name, URI.create("http://127.0.0.1:" + port), "dim-" + name,
				"dim-" + name + "-local-secret", BUCKET, latencyMs, costPerGb, encrypted, egressCostPerGb, 0, name,
				region);
	}

}
