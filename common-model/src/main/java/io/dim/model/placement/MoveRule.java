package io.dim.model.placement;

import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * No thrashing: an object moves only when the current placement breaks a constraint, or
 * when what the move saves over the horizon exceeds what it costs to make by the margin
 * ({@code savings > transfer * (1 + margin)}). A heat value oscillating around a band
 * edge therefore does not move an object back and forth: the placement made for the
 * hotter tier also meets the cooler tier's looser bound, and going back is not worth its
 * copy.
 *
 * @param margin share by which savings must exceed the transfer cost, e.g. 0.2
 */
public record MoveRule(double margin) {

	public MoveRule {
		if (margin < 0) {
			throw new IllegalArgumentException("margin must not be negative");
		}
	}

	/**
	 * @param problem the object's current problem (eligible endpoints, replicas, bound)
	 * @param current where its replicas are now
	 * @param best the planner's best placement for the problem
	 */
	public Decision decide(PlacementProblem problem, Set<String> current, Placement best) {
		Optional<Placement> kept = keep(problem, current);
		if (kept.isEmpty()) {
			return new Decision(best, !best.endpoints().equals(current),
					"the current placement breaks a constraint (replicas, eligibility or latency)");
		}
		double savings = recurring(kept.get()) - recurring(best);
		double needed = best.transferCost() * (1 + this.margin);
		if (best.endpoints().equals(current) || savings <= needed) {
			return new Decision(kept.get(), false, String.format(Locale.ROOT,
					"kept: moving would save %.4f over the horizon, not more than its transfer cost %.4f plus %.0f%%",
					Math.max(savings, 0), best.transferCost(), this.margin * 100));
		}
		return new Decision(best, true,
				String.format(Locale.ROOT,
						"moved: saves %.4f over the horizon, more than its transfer cost %.4f plus %.0f%%", savings,
						best.transferCost(), this.margin * 100));
	}

	/** The current placement, priced, if it meets every constraint of the problem. */
	static Optional<Placement> keep(PlacementProblem problem, Set<String> current) {
		if (current.size() != problem.replicas()) {
			return Optional.empty();
		}
		double storage = 0;
		Candidate server = null;
		Candidate peak = null;
		for (String endpoint : current) {
			Optional<Candidate> found = problem.candidates()
				.stream()
				.filter((c) -> c.endpoint().equals(endpoint))
				.findFirst();
			if (found.isEmpty()) {
				return Optional.empty();
			}
			Candidate candidate = found.get();
			storage += candidate.storageCost();
			if (candidate.canServe(problem) && (server == null || candidate.egressCost() < server.egressCost())) {
				server = candidate;
			}
			if (candidate.canServePeak(problem)
					&& (peak == null || candidate.peakEgressCost(problem) < peak.peakEgressCost(problem))) {
				peak = candidate;
			}
		}
		if (server == null || peak == null) {
			return Optional.empty();
		}
		if (!problem.hasPeak()) {
			peak = server;
		}
		return Optional.of(new Placement(current, server.endpoint(), storage,
				server.egressCost() + peak.peakEgressCost(problem), 0, peak.endpoint()));
	}

	private static double recurring(Placement placement) {
		return placement.storageCost() + placement.egressCost();
	}

	/**
	 * @param placement the placement to keep or move to
	 * @param move whether replicas must change
	 * @param why the rule's reason, for the explanation
	 */
	public record Decision(Placement placement, boolean move, String why) {

	}

}
