package io.dim.api.optimize;

import java.util.Set;

import io.dim.model.placement.MoveRule;
import io.dim.model.placement.Placement;
import io.dim.model.placement.PlacementPlanner;

/**
 * One object evaluated: the problem, the planner's best placement, the move rule's
 * decision and the monthly cost before and after.
 *
 * @param problem the object's problem
 * @param plan the best placement and whether it had to be degraded
 * @param decision keep or move, and why
 * @param monthlyBefore recurring monthly cost of the current placement
 * @param monthlyAfter recurring monthly cost of the decided placement
 */
public record Evaluation(ObjectProblem problem, PlacementPlanner.Plan plan, MoveRule.Decision decision,
		double monthlyBefore, double monthlyAfter) {

	public String key() {
		return this.problem.facts().key();
	}

	public boolean degraded() {
		return this.plan.degraded();
	}

	public boolean move() {
		return this.decision.move();
	}

	public Placement placement() {
		return this.decision.placement();
	}

	/** Endpoints that need a copy. */
	public Set<String> copyTargets() {
		Set<String> targets = new java.util.TreeSet<>(placement().endpoints());
		targets.removeAll(this.problem.facts().current());
		return targets;
	}

}
