package io.dim.model.placement;

import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

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
		Optional<String> broken = broken(problem, current);
		if (broken.isPresent()) {
			return new Decision(best, !best.endpoints().equals(current),
					"the current placement breaks a constraint: " + broken.get(), true);
		}
		Placement kept = price(problem, current);
		double savings = recurring(kept) - recurring(best);
		double needed = best.transferCost() * (1 + this.margin);
		if (best.endpoints().equals(current)) {
			// The planner prices the copies a move needs, so nothing else is cheaper.
			return new Decision(kept, false,
					"kept: no other placement costs less over the horizon once its copies are paid for", false);
		}
		if (savings <= needed) {
			return new Decision(kept, false, String.format(Locale.ROOT,
					"kept: moving would save %s over the horizon, not more than its transfer cost %s plus %.0f%%",
					Dollars.format(Math.max(savings, 0)), Dollars.format(best.transferCost()), this.margin * 100),
					false);
		}
		return new Decision(best, true,
				String.format(Locale.ROOT,
						"moved: saves %s over the horizon, more than its transfer cost %s plus %.0f%%",
						Dollars.format(savings), Dollars.format(best.transferCost()), this.margin * 100),
				false);
	}

	/**
	 * Which constraint the current placement breaks, in words, or empty when it meets
	 * every one.
	 */
	static Optional<String> broken(PlacementProblem problem, Set<String> current) {
		if (current.size() != problem.replicas()) {
			return Optional.of(String.format(Locale.ROOT, "it has %d replica(s), %d wanted (REPLICATION_FACTOR)",
					current.size(), problem.replicas()));
		}
		List<String> ineligible = current.stream().filter((e) -> candidate(problem, e).isEmpty()).sorted().toList();
		if (!ineligible.isEmpty()) {
			if (ineligible.stream().allMatch(problem.exclusions()::containsKey)) {
				return Optional.of(String.join(" and ",
						ineligible.stream()
							.map((e) -> e + " is not eligible now (" + problem.exclusions().get(e) + ")")
							.toList()));
			}
			return Optional.of(String.join(" and ", ineligible) + ((ineligible.size() == 1) ? " is" : " are")
					+ " not eligible now (down, not allowed by the encryption policy, or full)");
		}
		List<Candidate> holders = current.stream().map((e) -> candidate(problem, e).orElseThrow()).toList();
		String names = String.join(", ", new TreeSet<>(current));
		if (holders.stream().noneMatch((c) -> c.canServe(problem))) {
			return Optional.of(String.format(Locale.ROOT,
					"no replica (%s) serves reads within the tier's %.0f ms bound", names, problem.latencyBoundMs()));
		}
		if (holders.stream().noneMatch((c) -> c.canServePeak(problem))) {
			return Optional.of(String.format(Locale.ROOT, "no replica (%s) serves its peak reads within %.0f ms", names,
					problem.peakBoundMs()));
		}
		return Optional.empty();
	}

	private static Optional<Candidate> candidate(PlacementProblem problem, String endpoint) {
		return problem.candidates().stream().filter((c) -> c.endpoint().equals(endpoint)).findFirst();
	}

	/** The current placement, priced; it must meet every constraint ({@link #broken}). */
	private static Placement price(PlacementProblem problem, Set<String> current) {
		double storage = 0;
		Candidate server = null;
		Candidate peak = null;
		for (String endpoint : current) {
			Candidate candidate = candidate(problem, endpoint).orElseThrow();
			storage += candidate.storageCost();
			if (candidate.canServe(problem) && (server == null || candidate.egressCost() < server.egressCost())) {
				server = candidate;
			}
			if (candidate.canServePeak(problem)
					&& (peak == null || candidate.peakEgressCost(problem) < peak.peakEgressCost(problem))) {
				peak = candidate;
			}
		}
		if (!problem.hasPeak()) {
			peak = server;
		}
		return new Placement(current, server.endpoint(), storage, server.egressCost() + peak.peakEgressCost(problem), 0,
				peak.endpoint());
	}

	private static double recurring(Placement placement) {
		return placement.storageCost() + placement.egressCost();
	}

	/**
	 * @param placement the placement to keep or move to
	 * @param move whether replicas must change
	 * @param why the rule's reason, for the explanation
	 * @param constraintBroken whether the current placement breaks a constraint (the
	 * move, if any, is forced, not chosen for its cost)
	 */
	public record Decision(Placement placement, boolean move, String why, boolean constraintBroken) {

	}

}
