package io.dim.api.optimize;

import org.springframework.stereotype.Component;

import io.dim.model.placement.ClosedFormPlacementSolver;
import io.dim.model.placement.MilpPlacementSolver;
import io.dim.model.placement.MoveRule;
import io.dim.model.placement.PlacementPlanner;

/**
 * Decides one object: best placement (degraded if it must be), then the no-thrashing
 * rule, then the costs. One object at a time uses the MILP; whole-catalogue runs use the
 * closed form, which the tests prove gives the same optimum.
 */
@Component
class Evaluator {

	private final PlacementPlanner milp = new PlacementPlanner(new MilpPlacementSolver());

	private final PlacementPlanner closedForm = new PlacementPlanner(new ClosedFormPlacementSolver());

	private final MoveRule moveRule;

	private final PlacementProperties settings;

	Evaluator(PlacementProperties settings) {
		this.settings = settings;
		this.moveRule = new MoveRule(settings.moveMargin());
	}

	Evaluation evaluate(ObjectProblem problem, boolean bulk) {
		PlacementPlanner planner = bulk ? this.closedForm : this.milp;
		PlacementPlanner.Plan plan = planner.plan(problem.problem(), problem.facts().current());
		MoveRule.Decision decision = this.moveRule.decide(problem.problem(), problem.facts().current(),
				plan.placement());
		double before = currentMonthlyCost(problem);
		double after = decision.move() ? (decision.placement().storageCost() + decision.placement().egressCost())
				/ this.settings.horizonMonths() : before;
		return new Evaluation(problem, plan, decision, before, after);
	}

	/**
	 * What the replicas cost now: storage of each, and egress from the cheapest one that
	 * may serve (any one if none is within the bound).
	 */
	double currentMonthlyCost(ObjectProblem problem) {
		double storage = 0;
		double egress = Double.POSITIVE_INFINITY;
		double egressOutOfBound = Double.POSITIVE_INFINITY;
		for (EndpointTerms term : problem.endpoints()) {
			if (!term.holdsReplica()) {
				continue;
			}
			storage += term.storageCost();
			if (term.canServe()) {
				egress = Math.min(egress, term.egressCost());
			}
			egressOutOfBound = Math.min(egressOutOfBound, term.egressCost());
		}
		double served = Double.isFinite(egress) ? egress : Double.isFinite(egressOutOfBound) ? egressOutOfBound : 0;
		return (storage + served) / this.settings.horizonMonths();
	}

}
