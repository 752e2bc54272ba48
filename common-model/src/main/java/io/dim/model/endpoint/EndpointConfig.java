package io.dim.model.endpoint;

import java.net.URI;

/**
 * One S3-compatible endpoint as configured in {@code S3_ENDPOINTS}. The secret key is
 * kept out of {@link #toString()} so it cannot reach a log line by accident; nothing
 * outside the S3 client factory should read it.
 *
 * @param name unique short name (aws, azure, gcp, ...)
 * @param url base URL of the S3 API
 * @param accessKey access key id
 * @param secretKey secret access key (never printed)
 * @param bucket bucket holding Data-in-Motion's objects on this endpoint
 * @param latencyMs expected first-byte latency, used by placement against the SLA
 * @param costPerGb storage cost per GB-month
 * @param encrypted whether data at rest is encrypted (encryption policy)
 * @param egressCostPerGb cost per GB read out of this endpoint
 * @param capacityGb capacity Data-in-Motion may use, 0 for unlimited
 * @param provider free-form provider name for display
 * @param region free-form region for display
 */
public record EndpointConfig(String name, URI url, String accessKey, String secretKey, String bucket, double latencyMs,
		double costPerGb, boolean encrypted, double egressCostPerGb, double capacityGb, String provider,
		String region) {

	public boolean unlimitedCapacity() {
		return this.capacityGb <= 0;
	}

	@Override
	public String toString() {
		return "EndpointConfig[name=" + this.name + ", url=" + this.url + ", bucket=" + this.bucket + ", latencyMs="
				+ this.latencyMs + ", costPerGb=" + this.costPerGb + ", encrypted=" + this.encrypted
				+ ", secretKey=****]";
	}

}
