package io.dim.model.placement;

import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Tries every set of endpoints, every serving replica and every replica for the peak
 * reads. Exponential: the reference the MILP is checked against, and usable only for a
 * handful of endpoints.
 */
public class BruteForcePlacementSolver implements PlacementSolver {

	@Override
	public Optional<Placement> solve(PlacementProblem problem) {
		List<Candidate> candidates = problem.candidates();
		int n = candidates.size();
		Placement best = null;
		for (int mask = 0; mask < (1 << n); mask++) {
			if (Integer.bitCount(mask) != problem.replicas()) {
				continue;
			}
			Set<String> chosen = new HashSet<>();
			double storage = 0;
			double transfer = 0;
			for (int j = 0; j < n; j++) {
				if ((mask & (1 << j)) != 0) {
					chosen.add(candidates.get(j).endpoint());
					storage += candidates.get(j).storageCost();
					transfer += candidates.get(j).transferCost();
				}
			}
			if (chosen.equals(problem.forbidden())) {
				continue;
			}
			for (int j = 0; j < n; j++) {
				Candidate server = candidates.get(j);
				if ((mask & (1 << j)) == 0 || !server.canServe(problem)) {
					continue;
				}
				for (int k = 0; k < n; k++) {
					Candidate peak = candidates.get(k);
					boolean considered = problem.hasPeak() ? peak.canServePeak(problem) : k == j;
					if ((mask & (1 << k)) == 0 || !considered) {
						continue;
					}
					Placement placement = new Placement(chosen, server.endpoint(), storage,
							server.egressCost() + peak.peakEgressCost(problem), transfer, peak.endpoint());
					if (best == null || placement.totalCost() < best.totalCost() - 1e-12) {
						best = placement;
					}
				}
			}
		}
		return Optional.ofNullable(best);
	}

}
