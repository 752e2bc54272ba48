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
 * objects that pay too much, cold objects on the most expensive endpoint, objects short
 * of replicas. Uses the heat-band tiers (no ml-service call on every check).
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
	 * Cold objects with a replica on the endpoint with the highest storage cost (when the
	 * endpoints' costs differ at all); empty name when there is no such endpoint.
	 */
	public Finding coldObjectsOn(String endpoint) {
		return Finding.of(this.jdbc.queryForList("""
				SELECT DISTINCT r.object_key FROM replica r JOIN file_heat h ON h.object_key = r.object_key
				WHERE r.state = 'VALID' AND r.endpoint = ? AND h.tier = 'cold' ORDER BY r.object_key""", String.class,
				endpoint), 0);
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

	/**
	 * What the optimizer would decide for {@code key} now, in the move rule's words (by
	 * the heat bands, like the other checks); empty for an unknown object.
	 */
	public java.util.Optional<String> decision(String key) {
		EndpointSnapshot snapshot = this.snapshots.take();
		return this.reader.one(key)
			.map((facts) -> this.evaluator.evaluate(this.problems.build(facts, snapshot), true).decision().why());
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
