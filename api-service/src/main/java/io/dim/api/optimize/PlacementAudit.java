package io.dim.api.optimize;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

import io.dim.model.config.DimProperties;
import io.dim.model.heat.Tier;

/**
 * Read-only checks of the current placement, for the alert rules: endpoint health, hot
 * objects that pay too much, cold objects worth moving off the most expensive endpoint,
 * objects short of replicas. Uses the heat-band tiers (no ml-service call on every
 * check).
 */
@Component
public class PlacementAudit {

	private static final int SAMPLE = 5;

	private final ObjectFactsReader reader;

	private final EndpointSnapshots snapshots;

	private final ProblemBuilder problems;

	private final Evaluator evaluator;

	private final PlacementProperties settings;

	private final DimProperties dim;

	private final JdbcTemplate jdbc;

	PlacementAudit(ObjectFactsReader reader, EndpointSnapshots snapshots, ProblemBuilder problems, Evaluator evaluator,
			PlacementProperties settings, DimProperties dim, JdbcTemplate jdbc) {
		this.reader = reader;
		this.snapshots = snapshots;
		this.problems = problems;
		this.evaluator = evaluator;
		this.settings = settings;
		this.dim = dim;
		this.jdbc = jdbc;
	}

	/**
	 * Objects a check found.
	 *
	 * @param count how many
	 * @param sample a few of their keys
	 * @param monthlySaving what placing them best would save a month (0 where not priced)
	 */
	public record Finding(int count, List<String> sample, double monthlySaving) {

		static Finding of(List<String> keys, double saving) {
			return new Finding(keys.size(), keys.stream().limit(SAMPLE).toList(), saving);
		}

	}

	/** Every endpoint with its health as the optimizer sees it now. */
	public Collection<EndpointFacts> endpoints() {
		return this.snapshots.take().all();
	}

	/**
	 * Hot objects whose best placement within the SLA would cost more than {@code share}
	 * less a month than where they are.
	 */
	public Finding hotObjectsOverpaying(double share) {
		EndpointSnapshot snapshot = this.snapshots.take();
		List<String> keys = new ArrayList<>();
		double saving = 0;
		for (ObjectFacts facts : this.reader.all()) {
			if (facts.tier() != Tier.HOT || facts.current().isEmpty()) {
				continue;
			}
			Evaluation evaluation = this.evaluator.evaluate(this.problems.build(facts, snapshot), true);
			if (evaluation.degraded()) {
				continue;
			}
			double before = evaluation.monthlyBefore();
			double best = (evaluation.plan().placement().storageCost() + evaluation.plan().placement().egressCost())
					/ this.settings.horizonMonths();
			if (before > 0 && (before - best) / before > share) {
				keys.add(facts.key());
				saving += before - best;
			}
		}
		return Finding.of(keys, saving);
	}

	/**
	 * Cold objects with a replica on {@code endpoint} that the optimizer would move off
	 * it now: a placement without it pays for its copies within the horizon. Cold objects
	 * it keeps there on purpose (any copy would cost more than it saves) are not
	 * findings: an alert about them could never be acted on.
	 */
	public Finding coldObjectsWorthMovingOff(String endpoint) {
		EndpointSnapshot snapshot = this.snapshots.take();
		List<String> keys = new ArrayList<>();
		double saving = 0;
		for (ObjectFacts facts : this.reader.all()) {
			if (facts.tier() != Tier.COLD || !facts.current().contains(endpoint)) {
				continue;
			}
			Evaluation evaluation = this.evaluator.evaluate(this.problems.build(facts, snapshot), true);
			// Only moves for cost: not one forced by a broken constraint (the endpoint
			// down, the encryption policy), which endpoint_down and the optimizer report.
			if (!evaluation.degraded() && evaluation.move() && !evaluation.decision().constraintBroken()
					&& !evaluation.placement().endpoints().contains(endpoint)
					&& evaluation.monthlyAfter() < evaluation.monthlyBefore()) {
				keys.add(facts.key());
				saving += evaluation.monthlyBefore() - evaluation.monthlyAfter();
			}
		}
		return Finding.of(keys, saving);
	}

	/** The endpoint with the highest storage cost, if it costs more than another. */
	public java.util.Optional<String> mostExpensiveEndpoint() {
		List<EndpointFacts> all = new ArrayList<>(endpoints());
		if (all.size() < 2) {
			return java.util.Optional.empty();
		}
		all.sort(Comparator.comparingDouble((EndpointFacts e) -> e.config().costPerGb()).reversed());
		return (all.get(0).config().costPerGb() > all.get(1).config().costPerGb())
				? java.util.Optional.of(all.get(0).name()) : java.util.Optional.empty();
	}

	/** Objects with fewer verified replicas than REPLICATION_FACTOR. */
	public Finding underReplicated() {
		return Finding.of(this.jdbc.queryForList("""
				SELECT f.object_key FROM file_meta f
				LEFT JOIN replica r ON r.object_key = f.object_key AND r.state = 'VALID'
				GROUP BY f.object_key HAVING COUNT(r.endpoint) < ? ORDER BY f.object_key""", String.class,
				Math.min(this.dim.replicationFactor(), endpoints().size())), 0);
	}

}
