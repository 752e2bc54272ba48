package io.dim.api.optimize;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

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
	 * What the expensive-tier alert reports, found in one pass over the catalogue (its
	 * reading is most of the cost: about a second per 100,000 objects here).
	 *
	 * @param hotOverpaying hot objects whose best placement within the SLA would cost
	 * more than the share asked less a month than where they are
	 * @param expensiveEndpoint the endpoint with the highest storage cost, if one costs
	 * more than the others
	 * @param coldWorthMovingOff cold objects with a replica there that the optimizer
	 * would move off it now, for its cost: a placement without it pays for its copies
	 * within the horizon. Cold objects it keeps there on purpose (any copy would cost
	 * more than it saves) are not findings: an alert about them could never be acted on.
	 */
	public record ExpensiveTier(Finding hotOverpaying, Optional<String> expensiveEndpoint, Finding coldWorthMovingOff) {

	}

	public ExpensiveTier expensiveTier(double share) {
		EndpointSnapshot snapshot = this.snapshots.take();
		Optional<String> expensive = mostExpensiveEndpoint(snapshot);
		List<String> hot = new ArrayList<>();
		double hotSaving = 0;
		List<String> cold = new ArrayList<>();
		double coldSaving = 0;
		for (ObjectFacts facts : this.reader.all()) {
			if (facts.tier() == Tier.HOT && !facts.current().isEmpty()) {
				Evaluation evaluation = this.evaluator.evaluate(this.problems.build(facts, snapshot), true);
				double before = evaluation.monthlyBefore();
				double best = (evaluation.plan().placement().storageCost() + evaluation.plan().placement().egressCost())
						/ this.settings.horizonMonths();
				if (!evaluation.degraded() && before > 0 && (before - best) / before > share) {
					hot.add(facts.key());
					hotSaving += before - best;
				}
			}
			else if (facts.tier() == Tier.COLD && expensive.isPresent() && facts.current().contains(expensive.get())) {
				Evaluation evaluation = this.evaluator.evaluate(this.problems.build(facts, snapshot), true);
				// Only moves for cost: not one forced by a broken constraint (the
				// endpoint
				// down, the encryption policy), which endpoint_down and the optimizer
				// report.
				if (!evaluation.degraded() && evaluation.move() && !evaluation.decision().constraintBroken()
						&& !evaluation.placement().endpoints().contains(expensive.get())
						&& evaluation.monthlyAfter() < evaluation.monthlyBefore()) {
					cold.add(facts.key());
					coldSaving += evaluation.monthlyBefore() - evaluation.monthlyAfter();
				}
			}
		}
		return new ExpensiveTier(Finding.of(hot, hotSaving), expensive, Finding.of(cold, coldSaving));
	}

	/** The endpoint with the highest storage cost, if it costs more than another. */
	private static Optional<String> mostExpensiveEndpoint(EndpointSnapshot snapshot) {
		List<EndpointFacts> all = new ArrayList<>(snapshot.all());
		if (all.size() < 2) {
			return Optional.empty();
		}
		all.sort(Comparator.comparingDouble((EndpointFacts e) -> e.config().costPerGb()).reversed());
		return (all.get(0).config().costPerGb() > all.get(1).config().costPerGb()) ? Optional.of(all.get(0).name())
				: Optional.empty();
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
