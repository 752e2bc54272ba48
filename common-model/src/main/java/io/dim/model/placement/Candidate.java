package io.dim.model.placement;

/**
 * One eligible endpoint as the solver sees it: what a replica there costs over the
 * horizon, what serving the reads from it costs, what moving a copy there costs once, and
 * its latency.
 *
 * @param endpoint endpoint name
 * @param storageCost size x cost_per_gb over the horizon
 * @param egressCost predicted reads x size x egress_cost_per_gb, paid only by the serving
 * replica
 * @param transferCost one-time cost of copying the object there (0 where a replica
 * already is)
 * @param latencyMs expected latency of reads served from there
 */
public record Candidate(String endpoint, double storageCost, double egressCost, double transferCost, double latencyMs) {

	/** Cost of holding a replica here (storage plus the move, if any). */
	double holdingCost() {
		return this.storageCost + this.transferCost;
	}

}
