package io.dim.api.placement;

import java.util.List;

/**
 * Choose {@code replicas} distinct endpoints among {@code candidates}, one of them the
 * serving replica within {@code latencyBoundMs}, at the least total cost.
 *
 * @param candidates eligible endpoints (healthy, allowed by the policy, with capacity)
 * @param replicas how many replicas to keep
 * @param latencyBoundMs the tier's latency bound for the serving replica
 */
public record PlacementProblem(List<Candidate> candidates, int replicas, double latencyBoundMs) {

	public PlacementProblem {
		candidates = List.copyOf(candidates);
		if (replicas < 1) {
			throw new IllegalArgumentException("replicas must be at least 1");
		}
	}

	PlacementProblem withReplicas(int count) {
		return new PlacementProblem(this.candidates, count, this.latencyBoundMs);
	}

	PlacementProblem withoutLatencyBound() {
		return new PlacementProblem(this.candidates, this.replicas, Double.POSITIVE_INFINITY);
	}

}
