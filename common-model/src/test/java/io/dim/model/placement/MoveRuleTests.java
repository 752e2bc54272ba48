package io.dim.model.placement;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.Test;

/** Tests for {@link MoveRule}, the no-thrashing rule. */
class MoveRuleTests {

	private static final double SLA = 100;

	private static final double WARM_BOUND = 250;

	private final PlacementPlanner planner = new PlacementPlanner(new MilpPlacementSolver());

	private final MoveRule rule = new MoveRule(0.2);

	@Test
	void heatOscillatingAroundABandEdgeDoesNotMoveTheObjectBackAndForth() {
		Set<String> current = Set.of("gcp", "azure");
		int moves = 0;
		for (int step = 0; step < 20; step++) {
			boolean hot = step % 2 == 0;
			PlacementProblem problem = problem(current, hot ? SLA : WARM_BOUND, hot ? 300 : 250);
			MoveRule.Decision decision = this.rule.decide(problem, current,
					this.planner.plan(problem, current).placement());
			if (decision.move()) {
				moves++;
				current = decision.placement().endpoints();
			}
		}
		assertThat(moves).isLessThanOrEqualTo(1);
	}

	@Test
	void movesWhenTheSavingsPayForTheCopy() {
		Set<String> current = Set.of("aws", "azure");
		PlacementProblem cold = problem(current, Double.POSITIVE_INFINITY, 0);
		MoveRule.Decision decision = this.rule.decide(cold, current, this.planner.plan(cold, current).placement());
		assertThat(decision.move()).isTrue();
		assertThat(decision.placement().endpoints()).contains("gcp");
		assertThat(decision.why()).startsWith("moved: saves");
		assertThat(decision.constraintBroken()).isFalse();
	}

	@Test
	void keepsWhenTheSavingsDoNotPayForTheCopy() {
		Set<String> current = Set.of("aws", "azure");
		PlacementProblem cold = problem(current, Double.POSITIVE_INFINITY, 0);
		MoveRule strict = new MoveRule(1000);
		MoveRule.Decision decision = strict.decide(cold, current, this.planner.plan(cold, current).placement());
		assertThat(decision.move()).isFalse();
		assertThat(decision.placement().endpoints()).isEqualTo(current);
		assertThat(decision.why()).startsWith("kept:");
	}

	@Test
	void keepsThePlannersOwnChoiceSayingSo() {
		Set<String> current = Set.of("azure", "gcp");
		PlacementProblem cold = problem(current, Double.POSITIVE_INFINITY, 0);
		Placement best = this.planner.plan(cold, current).placement();
		assertThat(best.endpoints()).isEqualTo(current);
		MoveRule.Decision decision = this.rule.decide(cold, current, best);
		assertThat(decision.move()).isFalse();
		assertThat(decision.why())
			.isEqualTo("kept: no other placement costs less over the horizon once its copies are paid for");
	}

	@Test
	void alwaysMovesOffAPlacementThatBreaksAConstraint() {
		Set<String> current = Set.of("gcp", "azure");
		// azure fails: the current placement is no longer eligible.
		PlacementProblem problem = new PlacementProblem(
				candidates(current, 1).stream().filter((c) -> !c.endpoint().equals("azure")).toList(), 2, SLA);
		MoveRule.Decision decision = this.rule.decide(problem, current,
				this.planner.plan(problem, current).placement());
		assertThat(decision.move()).isTrue();
		assertThat(decision.placement().endpoints()).containsExactlyInAnyOrder("aws", "gcp");
		assertThat(decision.constraintBroken()).isTrue();
		assertThat(decision.why()).isEqualTo("the current placement breaks a constraint: azure is not eligible now "
				+ "(down, not allowed by the encryption policy, or full)");

		// Told why (as api-service's problems are), the decision says which it is.
		PlacementProblem told = problem.withExclusions(java.util.Map.of("azure", "unhealthy: failed (chaos)"));
		assertThat(this.rule.decide(told, current, this.planner.plan(told, current).placement()).why()).isEqualTo(
				"the current placement breaks a constraint: azure is not eligible now (unhealthy: failed (chaos))");
		PlacementProblem both = new PlacementProblem(
				candidates(current, 1).stream().filter((c) -> c.endpoint().equals("aws")).toList(), 1, SLA)
			.withExclusions(java.util.Map.of("azure", "unhealthy: failed (chaos)", "gcp",
					"not encrypted, and the policy enforces encrypted destinations"));
		Set<String> two = Set.of("azure", "gcp");
		assertThat(MoveRule.broken(both.withReplicas(2), two)).contains("azure is not eligible now (unhealthy: failed "
				+ "(chaos)) and gcp is not eligible now (not encrypted, and the policy enforces encrypted destinations)");
	}

	@Test
	void theReasonNamesTheConstraintTheCurrentPlacementBreaks() {
		Set<String> one = Set.of("gcp");
		PlacementProblem cold = problem(one, Double.POSITIVE_INFINITY, 0);
		assertThat(this.rule.decide(cold, one, this.planner.plan(cold, one).placement()).why())
			.isEqualTo("the current placement breaks a constraint: it has 1 replica(s), 2 wanted (REPLICATION_FACTOR)");

		Set<String> slow = Set.of("gcp", "azure");
		PlacementProblem hot = problem(slow, 50, 300);
		MoveRule.Decision decision = this.rule.decide(hot, slow, this.planner.plan(hot, slow).placement());
		assertThat(decision.move()).isTrue();
		assertThat(decision.why()).isEqualTo(
				"the current placement breaks a constraint: no replica (azure, gcp) serves reads within the tier's 50 ms "
						+ "bound");

		PlacementProblem peak = problem(slow, WARM_BOUND, 300).withPeakBound(50);
		assertThat(this.rule.decide(peak, slow, this.planner.plan(peak, slow).placement()).why()).isEqualTo(
				"the current placement breaks a constraint: no replica (azure, gcp) serves its peak reads within 50 ms");
	}

	/** The local endpoints for a 1 GB object read {@code reads} times over a year. */
	private static PlacementProblem problem(Set<String> current, double bound, double reads) {
		return new PlacementProblem(candidates(current, reads), 2, bound);
	}

	private static List<Candidate> candidates(Set<String> current, double reads) {
		double transfer = 0.087;
		return List.of(new Candidate("aws", 0.023 * 12, reads * 0.09, current.contains("aws") ? 0 : transfer, 20),
				new Candidate("azure", 0.018 * 12, reads * 0.087, current.contains("azure") ? 0 : transfer, 60),
				new Candidate("gcp", 0.010 * 12, reads * 0.12, current.contains("gcp") ? 0 : transfer, 150));
	}

}
