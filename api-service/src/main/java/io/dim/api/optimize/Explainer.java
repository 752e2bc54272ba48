package io.dim.api.optimize;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

import io.dim.api.file.UnknownObjectException;
import io.dim.model.placement.ClosedFormPlacementSolver;
import io.dim.model.placement.Dollars;
import io.dim.model.placement.MilpPlacementSolver;
import io.dim.model.placement.MoveRule;
import io.dim.model.placement.Placement;
import io.dim.model.placement.PlacementPlanner;
import io.dim.model.placement.PlacementProblem;
import io.dim.model.config.DimProperties;
import io.dim.model.heat.HeatBands;
import io.dim.model.heat.Tier;

/**
 * Explains an object's placement from the same facts and the same MILP a decision uses:
 * the tier, every endpoint's terms, the binding constraints (found by solving again
 * without each one), the runner-up (solving again with the chosen set cut off) and the
 * model itself.
 */
@Component
class Explainer {

	private static final double SAVING = 1e-9;

	private final ObjectFactsReader reader;

	private final EndpointSnapshots snapshots;

	private final ProblemBuilder problems;

	private final PlacementProperties settings;

	private final DimProperties dim;

	private final HeatBands bands;

	private final JdbcTemplate jdbc;

	private final TierAdvisor advisor;

	private final MilpPlacementSolver milp = new MilpPlacementSolver();

	private final PlacementPlanner planner = new PlacementPlanner(this.milp);

	private final ClosedFormPlacementSolver closedForm = new ClosedFormPlacementSolver();

	Explainer(ObjectFactsReader reader, EndpointSnapshots snapshots, ProblemBuilder problems,
			PlacementProperties settings, DimProperties dim, HeatBands bands, JdbcTemplate jdbc, TierAdvisor advisor) {
		this.advisor = advisor;
		this.reader = reader;
		this.snapshots = snapshots;
		this.problems = problems;
		this.settings = settings;
		this.dim = dim;
		this.bands = bands;
		this.jdbc = jdbc;
	}

	Explanation explain(String key) {
		ObjectFacts facts = this.advisor
			.advise(List.of(this.reader.one(key).orElseThrow(() -> new UnknownObjectException(key))))
			.get(0);
		EndpointSnapshot snapshot = this.snapshots.take();
		ObjectProblem problem = this.problems.build(facts, snapshot);
		PlacementPlanner.Plan plan = this.planner.plan(problem.problem(), facts.current());
		MoveRule.Decision decision = new MoveRule(this.settings.moveMargin()).decide(problem.problem(), facts.current(),
				plan.placement());
		MilpPlacementSolver.Run run = this.milp.solveExplained(plan.solved());
		Optional<Placement> runnerUp = plan.solved().candidates().isEmpty() ? Optional.empty()
				: this.milp.solve(plan.solved().otherThan(plan.placement().endpoints()));
		return new Explanation(key, facts.sizeBytes(), tierReason(facts), problem.latencyBoundMs(),
				problem.boundSource(), problem.predictedReads(), readsBasis(facts.heat()), peak(problem),
				this.settings.horizon().toHours() / 24.0, snapshot.enforceEncryption(), this.dim.replicationFactor(),
				problem.endpoints(), Explanation.Option.of(current(problem)),
				Explanation.Option.of(decision.placement()), decision.move(), decision.why(), plan.degraded(),
				plan.reason(), binding(problem, plan, facts, snapshot.enforceEncryption()),
				runnerUp.map(Explanation.Option::of).orElse(null),
				runnerUp.map((r) -> r.totalCost() - plan.placement().totalCost()).orElse(null), lastDecision(key),
				run.model());
	}

	private Explanation.TierReason tierReason(ObjectFacts facts) {
		Tier band = this.bands.tierOf(facts.heat());
		String bands;
		if (band == facts.tier() || !facts.tierSource().startsWith(ObjectFacts.HEAT_BANDS)) {
			bands = String.format(Locale.ROOT, "heat %.2f is in the %s band (%s)", facts.heat(), band.label(),
					range(band));
		}
		else {
			bands = String.format(Locale.ROOT,
					"heat %.2f is in the %s band (%s), but the tier stays %s until the heat passes the band edge "
							+ "by the %.0f%% hysteresis margin",
					facts.heat(), band.label(), range(band), facts.tier().label(), this.bands.margin() * 100);
		}
		TierAdvice advice = facts.advice();
		String why;
		if (ObjectFacts.PREWARM.equals(facts.tierSource())) {
			why = String.format(Locale.ROOT,
					"pre-warmed: the forecast (model %s) gives a %.2f probability of turning hot within the horizon, "
							+ "at or above the pre-warm threshold %.2f (dim.ml.prewarm-threshold), so it is placed as "
							+ "hot before it heats up; %s%s",
					advice.forecastModel(), advice.hotSoonProbability(), advice.prewarmThreshold(),
					(advice.predictedTier() != null) ? "the tier model alone says " + advice.predictedTier() + "; "
							: "",
					bands);
		}
		else if (ObjectFacts.MODEL.equals(facts.tierSource())) {
			why = String.format(Locale.ROOT, "the tier model %s predicts %s (%s); the heat bands alone would say: %s%s",
					advice.tierModel(), advice.predictedTier(), probabilities(advice), bands, forecast(advice));
		}
		else {
			// The source reads "heat bands (ml-service not used: why)": keep the part in
			// brackets, brackets included.
			why = bands + (facts.tierSource().equals(ObjectFacts.HEAT_BANDS) ? forecast(advice)
					: " " + facts.tierSource().substring(ObjectFacts.HEAT_BANDS.length()).strip());
		}
		return new Explanation.TierReason(facts.tier().label(), facts.tierSource(), facts.heat(), this.bands.hot(),
				this.bands.warm(), this.bands.margin(), advice, why);
	}

	/** The forecast's part of "why": empty without a forecast model. */
	static String forecast(TierAdvice advice) {
		if (advice == null || advice.forecastModel() == null) {
			return "";
		}
		if (advice.hotSoonProbability() == null) {
			return "; no forecast: the forecaster (model " + advice.forecastModel()
					+ ") covers objects accessed within the last day, and this one was not";
		}
		boolean likely = advice.hotSoonProbability() >= advice.prewarmThreshold();
		return String.format(Locale.ROOT, "; the forecast gives a %.2f probability of being hot within the horizon, %s",
				advice.hotSoonProbability(),
				likely ? "at or above the pre-warm threshold " + fixed(advice.prewarmThreshold())
						+ ", but the model places it hot already"
						: "below the pre-warm threshold " + fixed(advice.prewarmThreshold()));
	}

	private static String fixed(double value) {
		return String.format(Locale.ROOT, "%.2f", value);
	}

	private static String probabilities(TierAdvice advice) {
		if (advice.tierProbabilities() == null) {
			return "no probabilities";
		}
		StringBuilder text = new StringBuilder();
		advice.tierProbabilities()
			.forEach((tier, p) -> text.append(text.isEmpty() ? "" : ", ")
				.append(String.format(Locale.ROOT, "%s %.2f", tier, p)));
		return text.toString();
	}

	private String range(Tier tier) {
		double lower = this.bands.lowerBound(tier);
		double upper = this.bands.upperBound(tier);
		if (Double.isInfinite(lower)) {
			return String.format(Locale.ROOT, "below %.2f", upper);
		}
		if (Double.isInfinite(upper)) {
			return String.format(Locale.ROOT, "%.2f and above", lower);
		}
		return String.format(Locale.ROOT, "%.2f to %.2f", lower, upper);
	}

	private String readsBasis(double heat) {
		return String.format(Locale.ROOT,
				"heat %.2f with a half-life of %s is about %.2f accesses an hour (heat x ln 2 / half-life), "
						+ "assumed to hold over the %s horizon",
				heat, DurationWords.of(this.settings.heatHalfLife()),
				this.problems.predictedReads(heat) / this.settings.horizon().toHours(), horizon());
	}

	/** The horizon in words, e.g. "30-day" (a Duration would print PT720H). */
	private String horizon() {
		java.time.Duration horizon = this.settings.horizon();
		return (horizon.toHours() % 24 == 0) ? horizon.toDays() + "-day" : horizon.toHours() + "-hour";
	}

	private Explanation.Peak peak(ObjectProblem problem) {
		if (!problem.problem().hasPeak()) {
			return null;
		}
		return new Explanation.Peak(problem.peakReads(), problem.problem().peakBoundMs(), String.format(Locale.ROOT,
				"ml-service advised and the object is hot: %.2f reads at the hot band's rate over the %s horizon need "
						+ "a replica within %.0f ms (SLA_LATENCY_MS); its reads at its heat are served from the "
						+ "cheapest replica within %.0f ms, so it need not move for each peak and back after it",
				problem.peakReads(), horizon(), problem.problem().peakBoundMs(), problem.latencyBoundMs()));
	}

	/**
	 * The current replicas priced like a placement, served by the cheapest allowed one
	 * (and the peak by the cheapest allowed for it).
	 */
	private static Placement current(ObjectProblem problem) {
		double storage = 0;
		EndpointTerms server = null;
		EndpointTerms peak = null;
		double peakBound = problem.problem().peakBoundMs();
		for (EndpointTerms term : problem.endpoints()) {
			if (!term.holdsReplica()) {
				continue;
			}
			storage += term.storageCost();
			boolean better = server == null || (term.canServe() && !server.canServe())
					|| (term.canServe() == server.canServe() && term.egressCost() < server.egressCost());
			if (better) {
				server = term;
			}
			// Like the server: a replica within the peak's bound first, then the
			// cheapest.
			boolean canServePeak = term.latencyMs() <= peakBound;
			boolean peakCanServe = peak != null && peak.latencyMs() <= peakBound;
			boolean betterPeak = peak == null || (canServePeak && !peakCanServe)
					|| (canServePeak == peakCanServe && term.peakEgressCost() < peak.peakEgressCost());
			if (betterPeak) {
				peak = term;
			}
		}
		if (!problem.problem().hasPeak()) {
			peak = server;
		}
		double peakEgress = (problem.problem().hasPeak() && peak != null) ? peak.peakEgressCost() : 0;
		return new Placement(problem.facts().current(), (server != null) ? server.endpoint() : null, storage,
				((server != null) ? server.egressCost() : 0) + peakEgress, 0, (peak != null) ? peak.endpoint() : null);
	}

	/** Each constraint that changes the answer, found by solving once without it. */
	private List<String> binding(ObjectProblem problem, PlacementPlanner.Plan plan, ObjectFacts facts,
			boolean enforceEncryption) {
		List<String> binding = new ArrayList<>();
		PlacementProblem solved = plan.solved();
		binding.add(String.format(Locale.ROOT, "exactly %d distinct replica(s)%s", solved.replicas(),
				(solved.replicas() == this.dim.replicationFactor()) ? " (REPLICATION_FACTOR)"
						: " (REPLICATION_FACTOR is " + this.dim.replicationFactor() + "; degraded)"));
		double best = plan.placement().totalCost();
		if (!solved.candidates().isEmpty() && Double.isFinite(solved.latencyBoundMs())) {
			this.closedForm.solve(solved.withoutLatencyBound())
				.filter((free) -> free.totalCost() < best - SAVING)
				.ifPresent((free) -> binding.add(String.format(Locale.ROOT,
						"serving replica within %.0f ms (%s): serving from %s instead would save %s",
						solved.latencyBoundMs(), problem.boundSource(), free.serving(),
						Dollars.format(best - free.totalCost()))));
		}
		if (enforceEncryption) {
			EndpointSnapshot withoutPolicy = this.snapshots.take(false);
			ObjectProblem open = this.problems.build(facts, withoutPolicy);
			if (open.problem().candidates().size() > problem.problem().candidates().size()) {
				PlacementPlanner.Plan openPlan = new PlacementPlanner(this.closedForm).plan(open.problem(),
						facts.current());
				double saving = best - openPlan.placement().totalCost();
				binding.add((saving > SAVING || (plan.degraded() && !openPlan.degraded()))
						? String.format(Locale.ROOT,
								"encrypted destinations only (policy): allowing unencrypted endpoints would give %s "
										+ "and save %s",
								String.join(",", openPlan.placement().endpoints()), Dollars.format(Math.max(saving, 0)))
						: "encrypted destinations only (policy): not binding, the best placement is encrypted anyway");
			}
		}
		if (plan.degraded()) {
			binding.add("degraded: " + plan.reason());
		}
		return binding;
	}

	private Explanation.LastDecision lastDecision(String key) {
		List<Explanation.LastDecision> rows = this.jdbc.query(
				"SELECT id, endpoints, degraded, decided_at FROM placement_decision WHERE object_key = ? "
						+ "ORDER BY decided_at DESC, id DESC LIMIT 1",
				(row, i) -> new Explanation.LastDecision(row.getLong(1), row.getString(2), row.getBoolean(3),
						row.getLong(4)),
				key);
		return rows.isEmpty() ? null : rows.get(0);
	}

}
