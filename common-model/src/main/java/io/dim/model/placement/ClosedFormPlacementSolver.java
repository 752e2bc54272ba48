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
 * {@code O(n log n)} (each pair of server and peak reads' replica, when the problem
 * expects peak reads: {@code O(n^3)} for a handful of endpoints), where an ojalgo solve
 * costs a fraction of a millisecond; Re-optimize All over a large catalogue uses this,
 * and {@code PlacementSolverTests} proves it equal to the brute-force optimum and the
 * MILP on a thousand random instances.
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
			if (!server.canServe(problem)) {
				continue;
			}
			for (Candidate peak : problem.hasPeak() ? byHolding : List.of(server)) {
				if (!peak.canServePeak(problem)) {
					continue;
				}
				Placement placement = fill(problem, byHolding, server, peak);
				if (placement != null && (best == null || placement.totalCost() < best.totalCost() - TOLERANCE)) {
					best = placement;
				}
			}
		}
		return Optional.ofNullable(best);
	}

	/**
	 * The server and the peak reads' replica, plus the cheapest replicas to hold among
	 * the rest; null when the two alone exceed the replicas.
	 */
	private static Placement fill(PlacementProblem problem, List<Candidate> byHolding, Candidate server,
			Candidate peak) {
		int replicas = problem.replicas();
		Set<String> chosen = new HashSet<>();
		chosen.add(server.endpoint());
		chosen.add(peak.endpoint());
		if (chosen.size() > replicas) {
			return null;
		}
		double storage = 0;
		double transfer = 0;
		for (Candidate held : (server == peak) ? List.of(server) : List.of(server, peak)) {
			storage += held.storageCost();
			transfer += held.transferCost();
		}
		for (int i = 0; i < byHolding.size() && chosen.size() < replicas; i++) {
			Candidate other = byHolding.get(i);
			if (chosen.add(other.endpoint())) {
				storage += other.storageCost();
				transfer += other.transferCost();
			}
		}
		return new Placement(chosen, server.endpoint(), storage, server.egressCost() + peak.peakEgressCost(problem),
				transfer, peak.endpoint());
	}

}
