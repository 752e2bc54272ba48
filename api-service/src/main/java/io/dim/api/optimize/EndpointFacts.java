package io.dim.api.optimize;

import io.dim.model.endpoint.EndpointConfig;

/**
 * One endpoint as a placement run sees it.
 *
 * @param config its configuration (costs, latency, encryption, capacity)
 * @param healthy whether its bucket answered the last probe
 * @param healthProblem what the probe said when it did not
 * @param bucketMissing whether the endpoint answered but our bucket is not there (not
 * bootstrapped yet, or removed): unhealthy, but not down
 * @param excludedByPolicy whether the encryption policy rules it out
 */
public record EndpointFacts(EndpointConfig config, boolean healthy, String healthProblem, boolean bucketMissing,
		boolean excludedByPolicy) {

	public String name() {
		return this.config.name();
	}

}
