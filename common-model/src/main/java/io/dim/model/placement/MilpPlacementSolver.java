package io.dim.model.placement;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
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
 * {@code s_j = 0} where j's latency exceeds the bound. Expected peak reads add binary
 * {@code p_j} (j serves them) weighted by their egress, with {@code sum_j p_j = 1},
 * {@code p_j <= x_j} and {@code p_j = 0} beyond the peak bound. A forbidden set F adds
 * the cut {@code sum_{j in F} x_j <= |F| - 1}.
 */
public class MilpPlacementSolver implements PlacementSolver {

	@Override
	public Optional<Placement> solve(PlacementProblem problem) {
		return solveExplained(problem).placement();
	}

	/** Solves and also returns the model as it was solved, for {@code /explain}. */
	public Run solveExplained(PlacementProblem problem) {
		List<Candidate> candidates = problem.candidates();
		int n = candidates.size();
		ExpressionsBasedModel model = new ExpressionsBasedModel();
		List<Variable> hold = new ArrayList<>(n);
		List<Variable> serve = new ArrayList<>(n);
		List<Variable> peak = new ArrayList<>(n);
		for (Candidate candidate : candidates) {
			hold.add(model.addVariable("x_" + candidate.endpoint()).binary().weight(candidate.holdingCost()));
			Variable s = model.addVariable("s_" + candidate.endpoint()).binary().weight(candidate.egressCost());
			if (candidate.latencyMs() > problem.latencyBoundMs()) {
				s.upper(0);
			}
			serve.add(s);
			if (problem.hasPeak()) {
				Variable p = model.addVariable("p_" + candidate.endpoint()).binary().weight(candidate.peakEgressCost());
				if (!candidate.canServePeak(problem)) {
					p.upper(0);
				}
				peak.add(p);
			}
		}
		Expression replicas = model.addExpression("replicas").level(problem.replicas());
		Expression serving = model.addExpression("one_serving").level(1);
		for (int j = 0; j < n; j++) {
			replicas.set(hold.get(j), 1);
			serving.set(serve.get(j), 1);
			model.addExpression("serve_needs_replica_" + candidates.get(j).endpoint())
				.upper(0)
				.set(serve.get(j), 1)
				.set(hold.get(j), -1);
		}
		if (problem.hasPeak()) {
			Expression peakServing = model.addExpression("one_peak_serving").level(1);
			for (int j = 0; j < n; j++) {
				peakServing.set(peak.get(j), 1);
				model.addExpression("peak_needs_replica_" + candidates.get(j).endpoint())
					.upper(0)
					.set(peak.get(j), 1)
					.set(hold.get(j), -1);
			}
		}
		if (!problem.forbidden().isEmpty()) {
			Expression cut = model.addExpression("not_the_same_set").upper(problem.forbidden().size() - 1);
			for (int j = 0; j < n; j++) {
				if (problem.forbidden().contains(candidates.get(j).endpoint())) {
					cut.set(hold.get(j), 1);
				}
			}
		}
		if (problem.replicas() > n) {
			return new Run(Optional.empty(), dump(model, "INFEASIBLE (more replicas than candidates)", null));
		}
		Optimisation.Result result = model.minimise();
		if (!result.getState().isFeasible()) {
			return new Run(Optional.empty(), dump(model, result.getState().name(), null));
		}
		Set<String> chosen = new HashSet<>();
		String server = null;
		String peakServer = null;
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
				egress += candidate.egressCost();
			}
			if (problem.hasPeak() && peak.get(j).getValue().doubleValue() > 0.5) {
				peakServer = candidate.endpoint();
				egress += candidate.peakEgressCost();
			}
		}
		return new Run(
				Optional.of(new Placement(chosen, server, storage, egress, transfer,
						problem.hasPeak() ? peakServer : server)),
				dump(model, result.getState().name(), result.getValue()));
	}

	private static MilpModel dump(ExpressionsBasedModel model, String state, Double objective) {
		List<MilpModel.VariableDump> variables = new ArrayList<>();
		for (Variable variable : model.getVariables()) {
			variables.add(new MilpModel.VariableDump(variable.getName(), number(variable.getContributionWeight()),
					number(variable.getLowerLimit()), number(variable.getUpperLimit()),
					(objective != null) ? number(variable.getValue()) : null));
		}
		List<MilpModel.ConstraintDump> constraints = new ArrayList<>();
		for (Expression expression : model.getExpressions()) {
			Map<String, Double> terms = new LinkedHashMap<>();
			for (var entry : expression.getLinearEntrySet()) {
				terms.put(model.getVariable(entry.getKey()).getName(), entry.getValue().doubleValue());
			}
			constraints.add(new MilpModel.ConstraintDump(expression.getName(), number(expression.getLowerLimit()),
					number(expression.getUpperLimit()), terms));
		}
		return new MilpModel("minimize sum of weight x value over the variables", state, objective, variables,
				constraints);
	}

	private static Double number(BigDecimal value) {
		return (value != null) ? value.doubleValue() : null;
	}

	/**
	 * @param placement the optimum, empty when infeasible
	 * @param model the model as solved
	 */
	public record Run(Optional<Placement> placement, MilpModel model) {

	}

}
