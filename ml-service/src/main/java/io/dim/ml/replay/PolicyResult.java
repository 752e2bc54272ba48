package io.dim.ml.replay;

/**
 * What one policy cost over the evaluated part of the trace.
 *
 * @param policy the policy's name
 * @param storageCost replicas stored, by the hour
 * @param egressCost bytes read out of the serving endpoints
 * @param transferCost copies between endpoints (the source's egress price)
 * @param requestCost GET and PUT requests (and Intelligent-Tiering's monitoring fee)
 * @param reads reads served
 * @param readsOutsideSla reads served slower than their object's tier allows (hot:
 * SLA_LATENCY_MS), the tier taken from the trace's own heat at the moment of the read
 * @param readsSlowerThanSla reads served slower than SLA_LATENCY_MS, whatever the tier
 * @param moves placement changes that landed
 * @param copies replicas copied by those moves
 * @param copiesOnReads of those copies, the ones reads carried (no egress of their own)
 */
public record PolicyResult(String policy, double storageCost, double egressCost, double transferCost,
		double requestCost, long reads, long readsOutsideSla, long readsSlowerThanSla, long moves, long copies,
		long copiesOnReads) {

	public double totalCost() {
		return this.storageCost + this.egressCost + this.transferCost + this.requestCost;
	}

	/** Share of reads outside the SLA (0 to 1). */
	public double outsideSlaShare() {
		return (this.reads == 0) ? 0 : this.readsOutsideSla / (double) this.reads;
	}

	public double slowerThanSlaShare() {
		return (this.reads == 0) ? 0 : this.readsSlowerThanSla / (double) this.reads;
	}

}
