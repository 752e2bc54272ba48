package io.dim.dashboard.api;

import java.util.List;

/** Headline figures: how many objects, how many bytes, and the endpoints. */
public record Overview(long objects, long bytes, List<Endpoint> endpoints) {

	/** One endpoint as GET /endpoints returns it. */
	public record Endpoint(String name, String url, String provider, String region, double latencyMs, double costPerGb,
			boolean encrypted, String health, String healthError, long objects, long bytes) {

	}

}
