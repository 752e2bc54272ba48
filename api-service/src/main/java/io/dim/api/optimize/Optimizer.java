package io.dim.api.optimize;

import java.time.Duration;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.concurrent.locks.ReentrantLock;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;

import io.dim.api.file.UnknownObjectException;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;

/**
 * Re-optimizes one object, a set of objects or every object, records the decisions and
 * creates a migration job for each move. Runs do not overlap: each sees the effects
 * (jobs, reserved capacity) of the one before.
 */
@Service
public class Optimizer {

	private static final Logger log = LoggerFactory.getLogger(Optimizer.class);

	/**
	 * Objects written per transaction in a bulk run, so the database is not locked long.
	 */
	private static final int CHUNK = 1000;

	private final ObjectFactsReader reader;

	private final EndpointSnapshots snapshots;

	private final ProblemBuilder problems;

	private final Evaluator evaluator;

	private final DecisionWriter writer;

	private final TierAdvisor advisor;

	private final ReentrantLock running = new ReentrantLock();

	private final Counter evaluations;

	private final Counter degradedCount;

	private final Timer evaluationTime;

	Optimizer(ObjectFactsReader reader, EndpointSnapshots snapshots, ProblemBuilder problems, Evaluator evaluator,
			DecisionWriter writer, TierAdvisor advisor, MeterRegistry registry) {
		this.advisor = advisor;
		this.reader = reader;
		this.snapshots = snapshots;
		this.problems = problems;
		this.evaluator = evaluator;
		this.writer = writer;
		this.evaluations = Counter.builder("dim_placement_evaluations")
			.description("Objects whose placement was evaluated")
			.register(registry);
		this.degradedCount = Counter.builder("dim_placement_degraded")
			.description("Evaluations whose constraints could not all hold (kept the best feasible placement)")
			.register(registry);
		this.evaluationTime = Timer.builder("dim_placement_evaluation")
			.description("Time to evaluate one object's placement")
			.serviceLevelObjectives(Duration.ofNanos(10_000), Duration.ofNanos(50_000), Duration.ofNanos(100_000),
					Duration.ofNanos(250_000), Duration.ofMillis(1), Duration.ofMillis(5), Duration.ofMillis(10),
					Duration.ofMillis(50), Duration.ofMillis(100), Duration.ofMillis(500))
			.register(registry);
	}

	/** Optimizes one object with the MILP and records the decision, moved or not. */
	public ObjectDecision optimize(String key) {
		this.running.lock();
		try {
			ObjectFacts facts = this.advisor
				.advise(List.of(this.reader.one(key).orElseThrow(() -> new UnknownObjectException(key))))
				.get(0);
			Evaluation evaluation = evaluate(facts, this.snapshots.take(), false);
			DecisionWriter.Written written = this.writer.write(List.of(evaluation)).get(0);
			ObjectDecision decision = ObjectDecision.of(evaluation, written);
			log.info("Optimized '{}': {} -> {} ({}){}", key, decision.current(), decision.endpoints(), decision.why(),
					decision.degraded() ? "; degraded: " + decision.degradedReason() : "");
			return decision;
		}
		finally {
			this.running.unlock();
		}
	}

	/** Re-optimize All. */
	public OptimizeReport optimizeAll(OptimizeProgress progress) {
		this.running.lock();
		try {
			return run(this.advisor.advise(this.reader.all()), progress);
		}
		finally {
			this.running.unlock();
		}
	}

	/** Re-optimizes the given objects (unknown keys are skipped). */
	public OptimizeReport optimizeSome(Collection<String> keys, OptimizeProgress progress) {
		this.running.lock();
		try {
			return run(this.advisor.advise(this.reader.some(keys)), progress);
		}
		finally {
			this.running.unlock();
		}
	}

	/**
	 * Evaluates every object (closed form) and records the decisions that change
	 * something or are degraded; one that keeps a sound placement leaves no row, so the
	 * decision table does not grow by the catalogue's size on every run.
	 */
	private OptimizeReport run(List<ObjectFacts> objects, OptimizeProgress progress) {
		long started = System.nanoTime();
		EndpointSnapshot snapshot = this.snapshots.take();
		int total = objects.size();
		int evaluated = 0;
		int changed = 0;
		int degraded = 0;
		int jobs = 0;
		int waiting = 0;
		double before = 0;
		double after = 0;
		double transfer = 0;
		List<Evaluation> pending = new ArrayList<>();
		int step = Math.max(1, Math.min(CHUNK, total / 20));
		for (ObjectFacts facts : objects) {
			Evaluation evaluation = evaluate(facts, snapshot, true);
			evaluated++;
			before += evaluation.monthlyBefore();
			after += evaluation.monthlyAfter();
			if (evaluation.move()) {
				changed++;
				transfer += evaluation.placement().transferCost();
				evaluation.copyTargets().forEach((target) -> snapshot.reserve(target, facts.sizeBytes()));
			}
			degraded += evaluation.degraded() ? 1 : 0;
			if (evaluation.move() || evaluation.degraded()) {
				pending.add(evaluation);
			}
			if (pending.size() >= CHUNK) {
				int[] counts = flush(pending);
				jobs += counts[0];
				waiting += counts[1];
			}
			if (evaluated % step == 0 || evaluated == total) {
				progress.step(new OptimizeProgress.Step(evaluated, total, changed, degraded));
			}
		}
		int[] counts = flush(pending);
		jobs += counts[0];
		waiting += counts[1];
		OptimizeReport report = new OptimizeReport(evaluated, changed, degraded, jobs, waiting, before, after, transfer,
				(System.nanoTime() - started) / 1e9);
		log.info("Re-optimized {} objects: {}", total, report);
		return report;
	}

	/**
	 * Writes the pending evaluations; returns {jobs created, moves waiting for a job}.
	 */
	private int[] flush(List<Evaluation> pending) {
		int[] counts = new int[2];
		if (pending.isEmpty()) {
			return counts;
		}
		for (DecisionWriter.Written written : this.writer.write(pending)) {
			counts[0] += (written.jobId() != null) ? 1 : 0;
			counts[1] += (written.activeJob() != null) ? 1 : 0;
		}
		pending.clear();
		return counts;
	}

	private Evaluation evaluate(ObjectFacts facts, EndpointSnapshot snapshot, boolean bulk) {
		long started = System.nanoTime();
		Evaluation evaluation = this.evaluator.evaluate(this.problems.build(facts, snapshot), bulk);
		this.evaluationTime.record(System.nanoTime() - started, java.util.concurrent.TimeUnit.NANOSECONDS);
		this.evaluations.increment();
		if (evaluation.degraded()) {
			this.degradedCount.increment();
		}
		return evaluation;
	}

}
