package io.dim.model.placement;

import java.util.List;
import java.util.Map;

/**
 * The MILP exactly as ojalgo solved it: the raw model behind an explanation.
 *
 * @param objective what is minimized
 * @param state the solver's result state (OPTIMAL, INFEASIBLE, ...)
 * @param objectiveValue the optimum, absent when infeasible
 * @param variables every variable with its objective weight, bounds and value
 * @param constraints every constraint with its bounds and coefficients
 */
public record MilpModel(String objective, String state, Double objectiveValue, List<VariableDump> variables,
		List<ConstraintDump> constraints) {

	/**
	 * @param name e.g. {@code x_aws} (a replica on aws), {@code s_aws} (aws serves) or
	 * {@code p_aws} (aws serves the peak)
	 * @param weight coefficient in the objective
	 * @param lower lower bound
	 * @param upper upper bound (0 where the endpoint may not serve)
	 * @param value value at the optimum
	 */
	public record VariableDump(String name, Double weight, Double lower, Double upper, Double value) {

	}

	/**
	 * @param name what the constraint says
	 * @param lower lower bound, absent if none
	 * @param upper upper bound, absent if none
	 * @param terms variable name to coefficient
	 */
	public record ConstraintDump(String name, Double lower, Double upper, Map<String, Double> terms) {

	}

}
