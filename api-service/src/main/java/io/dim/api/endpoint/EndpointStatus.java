package io.dim.api.endpoint;

import java.time.Instant;

/**
 * Result of probing one endpoint.
 *
 * @param up whether the endpoint answered
 * @param bucketExists whether our bucket exists there (false also when down)
 * @param error why it is down or unusable (its bucket missing), null when it is neither
 * @param checkedAt when the probe ran
 */
public record EndpointStatus(boolean up, boolean bucketExists, String error, Instant checkedAt) {

	/** UP, NO_BUCKET (answers, but our bucket is not there) or DOWN. */
	public String label() {
		return !this.up ? "DOWN" : this.bucketExists ? "UP" : "NO_BUCKET";
	}

}
