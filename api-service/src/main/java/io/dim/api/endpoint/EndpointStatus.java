package io.dim.api.endpoint;

import java.time.Instant;

/**
 * Result of probing one endpoint.
 *
 * @param up whether the endpoint answered
 * @param bucketExists whether our bucket exists there (false also when down)
 * @param error why it is down, null when up
 * @param checkedAt when the probe ran
 */
public record EndpointStatus(boolean up, boolean bucketExists, String error, Instant checkedAt) {

	public String label() {
		return this.up ? "UP" : "DOWN";
	}

}
