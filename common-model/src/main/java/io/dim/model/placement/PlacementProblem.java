package io.dim.model.placement;

import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * Choose {@code replicas} distinct endpoints among {@code candidates}, one of them the
 * serving replica within {@code latencyBoundMs}, at the least total cost.
 *
 * @param candidates eligible endpoints (healthy, allowed by the policy, with capacity)
 * @param replicas how many replicas to keep
 * @param latencyBoundMs the tier's latency bound for the serving replica
 * @param forbidden a set of endpoints the answer must differ from (empty for none): how
 * the runner-up is found
 */
public record PlacementProblem(List<Candidate> candidates, int replicas, double latencyBoundMs, Set<String> forbidden) {

	public PlacementProblem {
		candidates = List.copyOf(candidates);
		forbidden = Set.copyOf(new TreeSet<>(forbidden));
		if (replicas < 1) {
			throw new IllegalArgumentException("replicas must be at least 1");
		}
	}

	public PlacementProblem(List<Candidate> candidates, int replicas, double latencyBoundMs) {
		this(candidates, replicas, latencyBoundMs, Set.of());
	}

	PlacementProblem withReplicas(int count) {
		return new PlacementProblem(this.candidates, count, this.latencyBoundMs, this.forbidden);
	}

	public PlacementProblem withoutLatencyBound() {
		return new PlacementProblem(this.candidates, this.replicas, Double.POSITIVE_INFINITY, this.forbidden);
	}

	/** The same problem, but the answer must not be exactly {@code endpoints}. */
	public PlacementProblem otherThan(Set<String> endpoints) {
		return new PlacementProblem(this.candidates, this.replicas, this.latencyBoundMs, endpoints);
	}

}
