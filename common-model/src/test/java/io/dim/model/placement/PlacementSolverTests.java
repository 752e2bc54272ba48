package io.dim.model.placement;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;

import org.junit.jupiter.api.Test;

/**
 * Tests for {@link MilpPlacementSolver}, {@link ClosedFormPlacementSolver} and
 * {@link PlacementPlanner}: on 1,000 seeded random instances (3 to 8 endpoints, random
 * costs, latencies, encryption and health, replication factor 1 to 3, encryption policy
 * on or off) the MILP's and the closed form's costs equal the brute-force optimum,
 * infeasible and degraded cases included, and so do the MILP's runner-ups.
 */
class PlacementSolverTests {

	private final PlacementPlanner milp = new PlacementPlanner(new MilpPlacementSolver());

	private final PlacementPlanner bruteForce = new PlacementPlanner(new BruteForcePlacementSolver());

	private final PlacementPlanner closedForm = new PlacementPlanner(new ClosedFormPlacementSolver());

	@Test
	void milpMatchesBruteForceOnAThousandRandomInstances() {
		matchesBruteForceOnAThousandRandomInstances(this.milp);
	}

	@Test
	void closedFormMatchesBruteForceOnAThousandRandomInstances() {
		matchesBruteForceOnAThousandRandomInstances(this.closedForm);
	}

	@Test
	void milpRunnerUpMatchesBruteForceOnAThousandRandomInstances() {
		Random random = new Random(20261125);
		MilpPlacementSolver milpSolver = new MilpPlacementSolver();
		BruteForcePlacementSolver reference = new BruteForcePlacementSolver();
		int found = 0;
		for (int instance = 0; instance < 1000; instance++) {
			PlacementProblem problem = RandomInstance.generate(random).problem();
			var best = reference.solve(problem);
			if (best.isEmpty()) {
				continue;
			}
			PlacementProblem other = problem.otherThan(best.get().endpoints());
			var expected = reference.solve(other);
			MilpPlacementSolver.Run actual = milpSolver.solveExplained(other);
			assertThat(actual.placement().isPresent()).as("instance %d has a runner-up", instance)
				.isEqualTo(expected.isPresent());
			if (expected.isPresent()) {
				assertThat(actual.placement().get().endpoints()).isNotEqualTo(best.get().endpoints());
				assertThat(actual.placement().get().totalCost()).as("instance %d runner-up cost", instance)
					.isCloseTo(expected.get().totalCost(), within(1e-6 * (1 + expected.get().totalCost())));
				assertThat(actual.model().objectiveValue()).isCloseTo(expected.get().totalCost(),
						within(1e-6 * (1 + expected.get().totalCost())));
				found++;
			}
		}
		assertThat(found).isGreaterThan(300);
	}

	private void matchesBruteForceOnAThousandRandomInstances(PlacementPlanner planner) {
		Random random = new Random(20261124);
		int degraded = 0;
		int noneEligible = 0;
		int peaks = 0;
		for (int instance = 0; instance < 1000; instance++) {
			RandomInstance generated = RandomInstance.generate(random);
			PlacementPlanner.Plan expected = this.bruteForce.plan(generated.problem(), generated.current());
			PlacementPlanner.Plan actual = planner.plan(generated.problem(), generated.current());
			assertThat(actual.degraded()).as("instance %d degraded", instance).isEqualTo(expected.degraded());
			assertThat(actual.reason()).as("instance %d reason", instance).isEqualTo(expected.reason());
			assertThat(actual.placement().totalCost()).as("instance %d cost", instance)
				.isCloseTo(expected.placement().totalCost(), within(1e-6 * (1 + expected.placement().totalCost())));
			assertThat(actual.placement().endpoints()).as("instance %d keeps a replica", instance).isNotEmpty();
			if (!expected.degraded()) {
				assertThat(actual.placement().endpoints()).hasSize(generated.problem().replicas());
				Candidate server = generated.candidate(actual.placement().serving());
				assertThat(server.latencyMs()).isLessThanOrEqualTo(generated.problem().latencyBoundMs());
				Candidate peakServer = generated.candidate(actual.placement().peakServing());
				assertThat(peakServer.latencyMs()).isLessThanOrEqualTo(generated.problem().peakBoundMs());
				assertThat(actual.placement().endpoints()).contains(server.endpoint(), peakServer.endpoint());
			}
			peaks += generated.problem().hasPeak() && !actual.degraded() ? 1 : 0;
			degraded += actual.degraded() ? 1 : 0;
			noneEligible += generated.problem().candidates().isEmpty() ? 1 : 0;
		}
		// The generator must exercise the degraded paths, not only the easy ones.
		assertThat(degraded).isBetween(50, 700);
		assertThat(noneEligible).isPositive();
		assertThat(peaks).isGreaterThan(100);
	}

	@Test
	void aHotObjectIsServedWithinTheSlaAtTheLeastCost() {
		List<Candidate> candidates = List.of(new Candidate("aws", 2.3, 9.0, 0, 20),
				new Candidate("azure", 1.8, 8.7, 0, 60), new Candidate("gcp", 1.0, 12.0, 0, 150));
		PlacementPlanner.Plan plan = this.milp.plan(new PlacementProblem(candidates, 2, 100), Set.of("aws", "gcp"));
		assertThat(plan.degraded()).isFalse();
		assertThat(plan.placement().serving()).isEqualTo("azure");
		assertThat(plan.placement().endpoints()).containsExactlyInAnyOrder("azure", "gcp");
		assertThat(plan.placement().totalCost()).isCloseTo(1.8 + 1.0 + 8.7, within(1e-9));
	}

	@Test
	void anObjectHotEveryMorningKeepsOneReplicaForItsPeakAndTheCheaperOneForTheRestOfTheDay() {
		// Warm reads (bound 120 ms) and expected peak reads (bound 50 ms, only aws).
		List<Candidate> candidates = List.of(new Candidate("aws", 2.3, 90, 0, 20, 4.5),
				new Candidate("azure", 1.8, 87, 0.1, 60, 4.35), new Candidate("gcp", 1.0, 120, 0, 150, 6.0));
		PlacementProblem problem = new PlacementProblem(candidates, 2, 120).withPeakBound(50);
		for (PlacementPlanner planner : List.of(this.milp, this.closedForm, this.bruteForce)) {
			PlacementPlanner.Plan plan = planner.plan(problem, Set.of("aws", "gcp"));
			assertThat(plan.degraded()).isFalse();
			assertThat(plan.placement().endpoints()).containsExactlyInAnyOrder("aws", "azure");
			assertThat(plan.placement().serving()).isEqualTo("azure");
			assertThat(plan.placement().peakServing()).isEqualTo("aws");
			assertThat(plan.placement().totalCost()).isCloseTo(2.3 + 1.8 + 0.1 + 87 + 4.5, within(1e-9));
		}
		// Without the peak, the cheapest pair serves everything from azure.
		PlacementPlanner.Plan withoutPeak = this.milp.plan(new PlacementProblem(candidates, 2, 120),
				Set.of("aws", "gcp"));
		assertThat(withoutPeak.placement().endpoints()).containsExactlyInAnyOrder("azure", "gcp");
		// When aws is not eligible, the peak's bound is given up and the reason says so.
		PlacementPlanner.Plan awsDown = this.milp
			.plan(new PlacementProblem(candidates.subList(1, 3), 2, 120).withPeakBound(50), Set.of("aws", "gcp"));
		assertThat(awsDown.degraded()).isTrue();
		assertThat(awsDown.reason()).isEqualTo("no eligible endpoint within 50 ms to serve the expected peak from");
		assertThat(awsDown.placement().endpoints()).containsExactlyInAnyOrder("azure", "gcp");
	}

	@Test
	void tooFewEncryptedEndpointsDegradesWithTheReasonButKeepsReplicas() {
		List<Candidate> encryptedOnly = List.of(new Candidate("aws", 2.3, 9.0, 0, 20));
		PlacementPlanner.Plan plan = this.milp.plan(new PlacementProblem(encryptedOnly, 2, 100), Set.of("aws", "gcp"));
		assertThat(plan.degraded()).isTrue();
		assertThat(plan.reason()).isEqualTo("only 1 eligible endpoint(s) for a replication factor of 2");
		assertThat(plan.placement().endpoints()).containsExactly("aws");

		PlacementPlanner.Plan nothing = this.milp.plan(new PlacementProblem(List.of(), 2, 100), Set.of("gcp"));
		assertThat(nothing.degraded()).isTrue();
		assertThat(nothing.placement().endpoints()).containsExactly("gcp");
		assertThat(nothing.reason()).startsWith("no eligible endpoint");
	}

	/**
	 * A random instance: endpoints with random properties, filtered by health and policy.
	 */
	record RandomInstance(PlacementProblem problem, Set<String> current, List<Candidate> all) {

		Candidate candidate(String name) {
			return this.all.stream().filter((c) -> c.endpoint().equals(name)).findFirst().orElseThrow();
		}

		static RandomInstance generate(Random random) {
			int n = 3 + random.nextInt(6);
			int replicas = 1 + random.nextInt(3);
			boolean enforceEncryption = random.nextBoolean();
			double sizeGb = 0.001 + random.nextDouble() * 5;
			double predictedReads = random.nextInt(4) == 0 ? 0 : random.nextDouble() * 500;
			double[] bounds = { 100, 250, Double.POSITIVE_INFINITY };
			double bound = bounds[random.nextInt(bounds.length)];
			// A third of the objects also expect peak reads with a stricter bound.
			boolean peak = random.nextInt(3) == 0;
			double peakReads = peak ? random.nextDouble() * 300 : 0;
			double peakBound = peak ? Math.min(bound, 30 + random.nextDouble() * 100) : Double.POSITIVE_INFINITY;
			List<String> names = new ArrayList<>();
			double[] latency = new double[n];
			double[] costPerGb = new double[n];
			double[] egressPerGb = new double[n];
			boolean[] encrypted = new boolean[n];
			boolean[] healthy = new boolean[n];
			Set<String> current = new HashSet<>();
			for (int j = 0; j < n; j++) {
				names.add("e" + j);
				latency[j] = 5 + random.nextDouble() * 300;
				costPerGb[j] = 0.002 + random.nextDouble() * 0.03;
				egressPerGb[j] = random.nextDouble() * 0.12;
				encrypted[j] = random.nextBoolean();
				healthy[j] = random.nextInt(10) != 0;
				if (random.nextInt(3) == 0) {
					current.add(names.get(j));
				}
			}
			if (current.isEmpty()) {
				current.add(names.get(random.nextInt(n)));
			}
			double cheapestSourceEgress = current.stream()
				.mapToDouble((name) -> egressPerGb[Integer.parseInt(name.substring(1))])
				.min()
				.orElse(0);
			List<Candidate> all = new ArrayList<>();
			List<Candidate> eligible = new ArrayList<>();
			for (int j = 0; j < n; j++) {
				double transfer = current.contains(names.get(j)) ? 0 : sizeGb * cheapestSourceEgress;
				Candidate candidate = new Candidate(names.get(j), sizeGb * costPerGb[j] * 12,
						predictedReads * sizeGb * egressPerGb[j], transfer, latency[j],
						peakReads * sizeGb * egressPerGb[j]);
				all.add(candidate);
				if (healthy[j] && (!enforceEncryption || encrypted[j])) {
					eligible.add(candidate);
				}
			}
			PlacementProblem problem = new PlacementProblem(eligible, replicas, bound);
			return new RandomInstance(peak ? problem.withPeakBound(peakBound) : problem, current, all);
		}

	}

}
