package io.dim.api.placement;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import org.ojalgo.optimisation.Expression;
import org.ojalgo.optimisation.ExpressionsBasedModel;
import org.ojalgo.optimisation.Optimisation;
import org.ojalgo.optimisation.Variable;

/**
 * The placement as a mixed-integer program (ojalgo): binary {@code x_j} (a replica on
 * endpoint j) and {@code s_j} (j serves the reads); minimize
 * {@code sum_j x_j (storage_j + transfer_j) + sum_j s_j egress_j} subject to
 * {@code sum_j x_j = replicas}, {@code sum_j s_j = 1}, {@code s_j <= x_j}, and
 * {@code s_j = 0} where j's latency exceeds the bound.
 */
public class MilpPlacementSolver implements PlacementSolver {

	@Override
	public Optional<Placement> solve(PlacementProblem problem) {
		List<Candidate> candidates = problem.candidates();
		int n = candidates.size();
		if (problem.replicas() > n) {
			return Optional.empty();
		}
		ExpressionsBasedModel model = new ExpressionsBasedModel();
		List<Variable> hold = new ArrayList<>(n);
		List<Variable> serve = new ArrayList<>(n);
		for (Candidate candidate : candidates) {
			hold.add(model.addVariable("x_" + candidate.endpoint()).binary().weight(candidate.holdingCost()));
			Variable s = model.addVariable("s_" + candidate.endpoint()).binary().weight(candidate.egressCost());
			if (candidate.latencyMs() > problem.latencyBoundMs()) {
				s.upper(0);
			}
			serve.add(s);
		}
		Expression replicas = model.addExpression("replicas").level(problem.replicas());
		Expression serving = model.addExpression("one_serving").level(1);
		for (int j = 0; j < n; j++) {
			replicas.set(hold.get(j), 1);
			serving.set(serve.get(j), 1);
			model.addExpression("serve_needs_replica_" + j).upper(0).set(serve.get(j), 1).set(hold.get(j), -1);
		}
		Optimisation.Result result = model.minimise();
		if (!result.getState().isFeasible()) {
			return Optional.empty();
		}
		Set<String> chosen = new HashSet<>();
		String server = null;
		double storage = 0;
		double transfer = 0;
		double egress = 0;
		for (int j = 0; j < n; j++) {
			Candidate candidate = candidates.get(j);
			if (hold.get(j).getValue().doubleValue() > 0.5) {
				chosen.add(candidate.endpoint());
				storage += candidate.storageCost();
				transfer += candidate.transferCost();
			}
			if (serve.get(j).getValue().doubleValue() > 0.5) {
				server = candidate.endpoint();
				egress = candidate.egressCost();
			}
		}
		return Optional.of(new Placement(chosen, server, storage, egress, transfer));
	}

}
