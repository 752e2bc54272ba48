package io.dim.api.optimize;

/**
 * One endpoint's part in one object's decision: its properties, whether it is eligible
 * and why not, and its cost terms over the horizon.
 *
 * @param endpoint endpoint name
 * @param latencyMs expected latency
 * @param costPerGb storage price per GB-month
 * @param egressCostPerGb egress price per GB
 * @param encrypted encrypted at rest
 * @param healthy answered its last probe
 * @param holdsReplica holds a verified replica now
 * @param excludedBecause why it may not hold a replica, null when eligible
 * @param canServe within the tier's latency bound
 * @param storageCost a replica here over the horizon
 * @param egressCost serving the predicted reads from here over the horizon
 * @param transferCost copying the object here (0 if it is here already)
 * @param peakEgressCost serving the expected peak reads from here (0 without a peak)
 */
public record EndpointTerms(String endpoint, double latencyMs, double costPerGb, double egressCostPerGb,
		boolean encrypted, boolean healthy, boolean holdsReplica, String excludedBecause, boolean canServe,
		double storageCost, double egressCost, double transferCost, double peakEgressCost) {

	public boolean isEligible() {
		return this.excludedBecause == null;
	}

}
