package io.dim.api.bench;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Random;

import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;

import io.dim.api.alert.AlertEvaluator;
import io.dim.api.optimize.OptimizeReport;
import io.dim.api.optimize.PlacementAudit;
import io.dim.api.optimize.Optimizer;
import io.dim.model.placement.Candidate;
import io.dim.model.placement.MilpPlacementSolver;
import io.dim.model.placement.PlacementProblem;
import io.dim.api.support.TestStack;
import io.dim.localstack.LocalStack;
import io.dim.localstack.TempDirs;

/**
 * Re-optimize All over a large catalogue (issue 4; a measurement, not a test): real S3
 * endpoints (for health), a fresh SQLite database with N objects (default 100,000), 2
 * replicas each, a tenth hot and a fifth warm. Times Re-optimize All twice (the first run
 * creates the jobs, the second finds them pending), and as the reference measured in the
 * same run, one MILP solve per object on a sample, projected to the catalogue.
 */
public final class OptimizeBenchmark {

	private OptimizeBenchmark() {
	}

	public static void main(String[] args) throws Exception {
		int objects = (args.length > 0) ? Integer.parseInt(args[0]) : 100_000;
		Path dir = TempDirs.deletedOnExit("dim-bench-optimize");
		try (LocalStack stack = TestStack.startS3()) {
			try (ConfigurableApplicationContext context = BenchApi.start(stack, dir)) {
				JdbcTemplate jdbc = context.getBean(JdbcTemplate.class);
				long seeding = System.nanoTime();
				BenchCatalogue.seed(jdbc, objects);
				System.out.printf(Locale.ROOT, "bench: seeded %,d objects in %.1f s%n", objects,
						(System.nanoTime() - seeding) / 1e9);
				Optimizer optimizer = context.getBean(Optimizer.class);
				OptimizeReport first = optimizer.optimizeAll((step) -> {
					if (step.evaluated() % 20_000 == 0 || step.evaluated() == step.total()) {
						System.out.printf(Locale.ROOT, "  [%,d/%,d] %,d to move, %,d degraded%n", step.evaluated(),
								step.total(), step.changed(), step.degraded());
					}
				});
				print("Re-optimize All (first run, creates jobs)", first);
				OptimizeReport second = optimizer.optimizeAll((step) -> {
				});
				print("Re-optimize All (second run, jobs pending)", second);
				// The alert rules' expensive-tier checks evaluate every hot object and
				// every
				// cold one on the most expensive endpoint, each round (15 s by default).
				AlertEvaluator alerts = context.getBean(AlertEvaluator.class);
				for (int round = 1; round <= 3; round++) {
					long started = System.nanoTime();
					AlertEvaluator.Round outcome = alerts.evaluate();
					System.out.printf(Locale.ROOT, "alert round %d: %.2f s for %d rules (%d failed), %d alerts live%n",
							round, (System.nanoTime() - started) / 1e9, outcome.rules(), outcome.failed().size(),
							outcome.live());
				}
				long auditStarted = System.nanoTime();
				PlacementAudit.ExpensiveTier audited = context.getBean(PlacementAudit.class).expensiveTier(0.3);
				System.out.printf(Locale.ROOT,
						"  of which the expensive-tier pass: %.2f s (%,d hot objects overpaying, %,d cold objects "
								+ "worth moving off %s)%n",
						(System.nanoTime() - auditStarted) / 1e9, audited.hotOverpaying().count(),
						audited.coldWorthMovingOff().count(), audited.expensiveEndpoint().orElse("-"));
				double milpPerObject = milpMillisPerObject(2000);
				double projected = milpPerObject * objects / 1000;
				System.out.printf(Locale.ROOT,
						"reference: one MILP solve per object: %.3f ms (on 2,000 sampled problems) -> %.1f s "
								+ "projected for %,d objects%n",
						milpPerObject, projected, objects);
				System.out.printf(Locale.ROOT,
						"ratio: Re-optimize All takes %.3f of the projected per-object MILP time (first run), "
								+ "%.3f (second run); target: first run at most 10 s%n",
						first.seconds() / projected, second.seconds() / projected);
			}
		}
	}

	private static void print(String label, OptimizeReport report) {
		System.out.printf(Locale.ROOT,
				"%s: %.2f s for %,d objects (%,.0f objects/s): %,d to move, %,d degraded, %,d jobs, "
						+ "monthly cost %.2f -> %.2f%n",
				label, report.seconds(), report.evaluated(), report.evaluated() / report.seconds(), report.changed(),
				report.degraded(), report.jobsCreated(), report.monthlyCostBefore(), report.monthlyCostAfter());
	}

	private static double milpMillisPerObject(int samples) {
		Random random = new Random(7);
		MilpPlacementSolver milp = new MilpPlacementSolver();
		List<PlacementProblem> problems = new ArrayList<>();
		for (int i = 0; i < samples; i++) {
			double size = Math.pow(10, 3 + random.nextDouble() * 5) / 1e9;
			double reads = random.nextDouble() * 1000;
			problems.add(new PlacementProblem(List.of(new Candidate("aws", size * 0.023, reads * size * 0.09, 0, 20),
					new Candidate("azure", size * 0.018, reads * size * 0.087, size * 0.09, 60),
					new Candidate("gcp", size * 0.010, reads * size * 0.12, 0, 150)), 2, 100));
		}
		problems.subList(0, 200).forEach(milp::solve); // warm-up
		long started = System.nanoTime();
		problems.forEach(milp::solve);
		return (System.nanoTime() - started) / 1e6 / samples;
	}

}
