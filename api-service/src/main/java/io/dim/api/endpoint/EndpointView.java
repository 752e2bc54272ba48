package io.dim.api.endpoint;

/**
 * What GET /endpoints shows of one endpoint: its metadata, health and usage. Never its
 * credentials.
 */
public record EndpointView(String name, String url, String bucket, String provider, String region, double latencyMs,
		double costPerGb, double egressCostPerGb, boolean encrypted, double capacityGb, String health,
		String healthError, long objects, long bytes) {

}
