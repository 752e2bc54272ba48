package io.dim.model.placement;

import io.dim.model.endpoint.EndpointConfig;

/**
 * The cost terms of placing one object, over the horizon. Prices are per GB of 10^9
 * bytes, as cloud price lists use them.
 *
 * @param sizeBytes object size
 * @param predictedReads reads expected over the horizon
 * @param horizonMonths the horizon in 30-day months
 */
public record Costs(long sizeBytes, double predictedReads, double horizonMonths) {

	public static final double BYTES_PER_GB = 1e9;

	public double sizeGb() {
		return this.sizeBytes / BYTES_PER_GB;
	}

	/** Storing one replica on the endpoint over the horizon. */
	public double storage(EndpointConfig endpoint) {
		return sizeGb() * endpoint.costPerGb() * this.horizonMonths;
	}

	/** Serving the predicted reads from the endpoint over the horizon. */
	public double egress(EndpointConfig endpoint) {
		return this.predictedReads * sizeGb() * endpoint.egressCostPerGb();
	}

	/** Copying the object once out of the source endpoint. */
	public double transfer(EndpointConfig source) {
		return sizeGb() * source.egressCostPerGb();
	}

}
