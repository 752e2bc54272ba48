package io.dim.ml.replay;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import io.dim.model.endpoint.EndpointConfig;
import io.dim.model.heat.Tier;
import io.dim.model.placement.Candidate;
import io.dim.model.placement.ClosedFormPlacementSolver;
import io.dim.model.placement.Costs;
import io.dim.model.placement.MilpPlacementSolver;
import io.dim.model.placement.MoveRule;
import io.dim.model.placement.PlacementPlanner;
import io.dim.model.placement.PlacementProblem;

/**
 * Data-in-Motion's optimizer under replay, as api-service runs it: an object whose heat
 * band changes is re-planned at once with the MILP (as the dim.heat listener does), and
 * every hour the whole catalogue is re-planned with the closed form (Re-optimize All);
 * the no-thrashing move rule decides whether a better placement is worth its transfer.
 * Objects with a move under way wait for it. Without a forecaster this is the
 * {@code heat-bands} policy: each object placed for the reads of its current tier. With
 * one it is {@code dim}: an object that is hot, or that the forecaster gives a
 * probability of a peak within the next day at or above the pre-warm threshold, is placed
 * for its peak (a replica within the SLA) and for its reads between peaks (the cheapest
 * replica within the warm bound): an object hot every morning keeps {aws, azure} instead
 * of moving to {aws, gcp} for each peak and to {azure, gcp} after it.
 */
final class OptimizerPolicy implements ReplayPolicy {

	private final String name;

	private final Forecaster forecaster;

	private final PlacementPlanner milp = new PlacementPlanner(new MilpPlacementSolver());

	private final PlacementPlanner closedForm = new PlacementPlanner(new ClosedFormPlacementSolver());

	private double[] hotSoon = new double[0];

	private final ForecastCheck.Log forecasts = new ForecastCheck.Log();

	private OptimizerPolicy(String name, Forecaster forecaster) {
		this.name = name;
		this.forecaster = forecaster;
	}

	static OptimizerPolicy heatBands() {
		return new OptimizerPolicy("heat-bands", null);
	}

	static OptimizerPolicy dim(Forecaster forecaster) {
		return new OptimizerPolicy("dim", forecaster);
	}

	@Override
	public String name() {
		return this.name;
	}

	/** dim and heat-bands are the product: its migrator lets reads carry copies. */
	@Override
	public boolean copiesOnReads() {
		return true;
	}

	@Override
	public int initial(int object, Replay replay) {
		return plan(object, replay, Tier.COLD, 0, 0, false);
	}

	@Override
	public void afterAccess(int object, long time, boolean tierChanged, Replay replay) {
		if (tierChanged && !replay.moving(object)) {
			replay.move(object, decide(object, time, replay, false));
		}
	}

	/**
	 * An object idle this long has no heat left (2^-24) and was re-planned hourly while
	 * it cooled: the hourly pass skips it, which keeps large catalogues fast.
	 */
	private static final long IDLE_MILLIS = 24 * 3_600_000L;

	@Override
	public void hourly(long time, Replay replay) {
		int objects = replay.trace().objectCount();
		if (this.forecaster != null) {
			if (this.hotSoon.length != objects) {
				this.hotSoon = new double[objects];
			}
			for (int object = 0; object < objects; object++) {
				if (active(object, time, replay)) {
					this.hotSoon[object] = this.forecaster.hotSoon(replay.trace().size(object),
							replay.createdAt(object), replay.buckets(object), time);
					if (time >= replay.countFrom()) {
						this.forecasts.add(object, time, this.hotSoon[object], replay.heat(object, time));
					}
				}
				else {
					// Not forecast, as ml-service answers for an object idle for over a
					// day: an access that wakes it does not act on a day-old forecast.
					this.hotSoon[object] = 0;
				}
			}
		}
		for (int object = 0; object < objects; object++) {
			if (active(object, time, replay) && !replay.moving(object)) {
				replay.move(object, decide(object, time, replay, true));
			}
		}
	}

	/**
	 * How the forecasts made on the evaluated period held up (null without a forecaster);
	 * once the replay has ended.
	 */
	ForecastCheck forecastCheck(Replay replay) {
		return (this.forecaster == null) ? null
				: this.forecasts.check(this.forecaster, replay, replay.settings().prewarmThreshold());
	}

	private static boolean active(int object, long time, Replay replay) {
		return replay.exists(object) && time - replay.lastAccess(object) <= IDLE_MILLIS;
	}

	private int decide(int object, long time, Replay replay, boolean bulk) {
		ReplaySettings settings = replay.settings();
		Tier tier = replay.tier(object, time);
		double halfLifeHours = settings.halfLife().toMillis() / 3_600_000.0;
		double horizonHours = settings.horizon().toMillis() / 3_600_000.0;
		// As api-service's ProblemBuilder: a steady rate settles at heat x ln 2 /
		// half-life.
		double predictedReads = replay.heat(object, time) * Math.log(2) / halfLifeHours * horizonHours;
		double peakReads = 0;
		if (this.forecaster != null && (tier == Tier.HOT
				|| (object < this.hotSoon.length && this.hotSoon[object] >= settings.prewarmThreshold()))) {
			// As api-service's ProblemBuilder: the peak's reads need a replica within the
			// SLA, the rest of the horizon's reads one within the warm bound.
			peakReads = settings.bands().hot() * Math.log(2) / halfLifeHours * horizonHours;
			tier = Tier.WARM;
		}
		return plan(object, replay, tier, predictedReads, peakReads, bulk);
	}

	private int plan(int object, Replay replay, Tier tier, double predictedReads, double peakReads, boolean bulk) {
		ReplaySettings settings = replay.settings();
		Endpoints endpoints = replay.endpoints();
		int current = replay.placement(object);
		Costs costs = new Costs(replay.trace().size(object), predictedReads, settings.horizonMonths());
		Costs peak = new Costs(replay.trace().size(object), peakReads, settings.horizonMonths());
		int source = endpoints.copySource(current);
		List<Candidate> candidates = new ArrayList<>();
		for (int i = 0; i < endpoints.count(); i++) {
			EndpointConfig endpoint = endpoints.get(i);
			boolean holds = (current & (1 << i)) != 0;
			double transfer = (holds || source < 0) ? 0 : costs.transfer(endpoints.get(source));
			candidates.add(new Candidate(endpoint.name(), costs.storage(endpoint), costs.egress(endpoint), transfer,
					endpoint.latencyMs(), peak.egress(endpoint)));
		}
		PlacementProblem problem = new PlacementProblem(candidates, settings.replicationFactor(),
				settings.latencyBound(tier));
		if (peakReads > 0) {
			problem = problem.withPeakBound(settings.latencyBound(Tier.HOT));
		}
		Set<String> names = endpoints.names(current);
		PlacementPlanner.Plan plan = (bulk ? this.closedForm : this.milp).plan(problem, names);
		if (current == 0) {
			return endpoints.mask(plan.placement().endpoints());
		}
		MoveRule.Decision decision = new MoveRule(settings.moveMargin()).decide(problem, names, plan.placement());
		return decision.move() ? endpoints.mask(decision.placement().endpoints()) : current;
	}

}
