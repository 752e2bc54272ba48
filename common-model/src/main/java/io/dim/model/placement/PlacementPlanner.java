package io.dim.model.placement;

import java.util.Optional;
import java.util.Set;

/**
 * Solves a placement and degrades explicitly when its constraints cannot all hold: with
 * fewer eligible endpoints than replicas it keeps as many replicas as there are eligible
 * endpoints; when no eligible endpoint meets the latency bound it serves from the best
 * one that does not (giving up the bound of expected peak reads first, when that is
 * enough); with no eligible endpoint at all it keeps the current placement. Never an
 * error, never an object without a replica; the reason says what was relaxed.
 */
public class PlacementPlanner {

	private final PlacementSolver solver;

	public PlacementPlanner(PlacementSolver solver) {
		this.solver = solver;
	}

	public Plan plan(PlacementProblem problem, Set<String> current) {
		Optional<Placement> exact = this.solver.solve(problem);
		if (exact.isPresent()) {
			return new Plan(exact.get(), false, null, problem);
		}
		int eligible = problem.candidates().size();
		if (eligible == 0) {
			String serving = current.isEmpty() ? null : current.iterator().next();
			return new Plan(new Placement(current, serving, 0, 0, 0), true,
					"no eligible endpoint (all failed, excluded by policy or full): keeping the current replicas",
					problem);
		}
		PlacementProblem relaxed = problem;
		StringBuilder reason = new StringBuilder();
		if (problem.replicas() > eligible) {
			relaxed = relaxed.withReplicas(eligible);
			reason.append("only ")
				.append(eligible)
				.append(" eligible endpoint(s) for a replication factor of ")
				.append(problem.replicas());
		}
		Optional<Placement> fewer = this.solver.solve(relaxed);
		if (fewer.isEmpty() && relaxed.hasPeak()) {
			// The reads at the current tier come first: give up the peak's bound alone.
			PlacementProblem withoutPeak = relaxed.withPeakBound(Double.POSITIVE_INFINITY);
			fewer = this.solver.solve(withoutPeak);
			if (fewer.isPresent()) {
				relaxed = withoutPeak;
				separate(reason).append("no eligible endpoint within ")
					.append(String.format(java.util.Locale.ROOT, "%.0f", problem.peakBoundMs()))
					.append(" ms to serve the expected peak from");
			}
		}
		if (fewer.isEmpty()) {
			relaxed = relaxed.withoutLatencyBound();
			fewer = this.solver.solve(relaxed);
			separate(reason).append("no eligible endpoint within ")
				.append(String.format(java.util.Locale.ROOT, "%.0f", problem.latencyBoundMs()))
				.append(" ms to serve from");
		}
		return new Plan(fewer.orElseThrow(), true, reason.toString(), relaxed);
	}

	private static StringBuilder separate(StringBuilder reason) {
		return (reason.length() > 0) ? reason.append("; ") : reason;
	}

	/**
	 * @param placement the placement to aim for
	 * @param degraded whether a constraint had to be relaxed
	 * @param reason which and why, when degraded
	 * @param solved the problem the placement is optimal for (relaxed, when degraded)
	 */
	public record Plan(Placement placement, boolean degraded, String reason, PlacementProblem solved) {

	}

}
