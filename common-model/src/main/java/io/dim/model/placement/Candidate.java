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
 * @param peakEgressCost what serving the expected peak reads from here costs (0 when the
 * problem expects none; see {@link PlacementProblem#peakBoundMs()})
 */
public record Candidate(String endpoint, double storageCost, double egressCost, double transferCost, double latencyMs,
		double peakEgressCost) {

	/** A candidate for a problem without peak reads. */
	public Candidate(String endpoint, double storageCost, double egressCost, double transferCost, double latencyMs) {
		this(endpoint, storageCost, egressCost, transferCost, latencyMs, 0);
	}

	/** Cost of holding a replica here (storage plus the move, if any). */
	double holdingCost() {
		return this.storageCost + this.transferCost;
	}

	boolean canServe(PlacementProblem problem) {
		return this.latencyMs <= problem.latencyBoundMs();
	}

	/** The peak reads' egress from here: nothing when the problem expects none. */
	double peakEgressCost(PlacementProblem problem) {
		return problem.hasPeak() ? this.peakEgressCost : 0;
	}

	boolean canServePeak(PlacementProblem problem) {
		return this.latencyMs <= problem.peakBoundMs();
	}

}
