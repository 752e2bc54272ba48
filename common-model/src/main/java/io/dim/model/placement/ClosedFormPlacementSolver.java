package io.dim.model.placement;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The placement's optimum without a solver: whichever endpoint serves (within the bound)
 * pays its holding cost and its egress, and the other {@code replicas - 1} replicas are
 * simply the cheapest to hold among the rest. Trying each possible server is
 * {@code O(n log n)}, where an ojalgo solve costs a fraction of a millisecond;
 * Re-optimize All over a large catalogue uses this, and {@code PlacementSolverTests}
 * proves it equal to the brute-force optimum and the MILP on a thousand random instances.
 */
public class ClosedFormPlacementSolver implements PlacementSolver {

	private static final double TOLERANCE = 1e-12;

	@Override
	public Optional<Placement> solve(PlacementProblem problem) {
		if (!problem.forbidden().isEmpty()) {
			throw new UnsupportedOperationException("the closed form finds the optimum only; use the MILP");
		}
		List<Candidate> byHolding = new ArrayList<>(problem.candidates());
		byHolding.sort(Comparator.comparingDouble(Candidate::holdingCost).thenComparing(Candidate::endpoint));
		int replicas = problem.replicas();
		if (replicas > byHolding.size()) {
			return Optional.empty();
		}
		Placement best = null;
		for (Candidate server : byHolding) {
			if (server.latencyMs() > problem.latencyBoundMs()) {
				continue;
			}
			Set<String> chosen = new HashSet<>();
			chosen.add(server.endpoint());
			double storage = server.storageCost();
			double transfer = server.transferCost();
			for (int i = 0; i < byHolding.size() && chosen.size() < replicas; i++) {
				Candidate other = byHolding.get(i);
				if (chosen.add(other.endpoint())) {
					storage += other.storageCost();
					transfer += other.transferCost();
				}
			}
			Placement placement = new Placement(chosen, server.endpoint(), storage, server.egressCost(), transfer);
			if (best == null || placement.totalCost() < best.totalCost() - TOLERANCE) {
				best = placement;
			}
		}
		return Optional.ofNullable(best);
	}

}
