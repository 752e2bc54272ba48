package io.dim.api.optimize;

import io.dim.model.placement.Costs;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.springframework.stereotype.Component;

import io.dim.model.placement.Candidate;
import io.dim.model.placement.PlacementProblem;
import io.dim.model.config.DimProperties;
import io.dim.model.endpoint.EndpointConfig;
import io.dim.model.heat.HeatBands;
import io.dim.model.heat.Tier;

/**
 * Turns an object's facts and the endpoints into a {@link PlacementProblem}: eligible
 * endpoints only, costs over the horizon, the tier's latency bound.
 * <p>
 * When ml-service advised on the object and it is hot (by the models or pre-warmed by the
 * forecast), the problem has a peak: reads at the hot rate that need a replica within
 * SLA_LATENCY_MS, while the object's reads at its heat are served from the cheapest
 * replica within the warm bound. An object hot every morning then keeps one replica for
 * its peaks and the cheaper one for the rest of the day, instead of moving for each peak
 * and back after it. Without ml-service (the heat bands) a hot object's reads all need
 * the SLA, as before: the bands know nothing of the object's next peak.
 */
@Component
class ProblemBuilder {

	private final PlacementProperties settings;

	private final DimProperties dim;

	private final HeatBands bands;

	ProblemBuilder(PlacementProperties settings, DimProperties dim, HeatBands bands) {
		this.settings = settings;
		this.dim = dim;
		this.bands = bands;
	}

	ObjectProblem build(ObjectFacts facts, EndpointSnapshot endpoints) {
		double predictedReads = predictedReads(facts.heat());
		Costs costs = new Costs(facts.sizeBytes(), predictedReads, this.settings.horizonMonths());
		boolean peak = facts.advice() != null && facts.tier() == Tier.HOT;
		double peakReads = peak ? predictedReads(this.bands.hot()) : 0;
		Costs peakCosts = new Costs(facts.sizeBytes(), peakReads, this.settings.horizonMonths());
		EndpointConfig source = transferSource(facts, endpoints);
		double bound = latencyBound(peak ? Tier.WARM : facts.tier());
		List<EndpointTerms> terms = new ArrayList<>();
		List<Candidate> candidates = new ArrayList<>();
		Map<String, String> exclusions = new HashMap<>();
		for (EndpointFacts endpoint : endpoints.all()) {
			EndpointConfig config = endpoint.config();
			boolean holds = facts.current().contains(config.name());
			String excluded = endpoints.exclusion(endpoint, facts.sizeBytes(), holds);
			double transfer = (holds || source == null) ? 0 : costs.transfer(source);
			EndpointTerms term = new EndpointTerms(config.name(), config.latencyMs(), config.costPerGb(),
					config.egressCostPerGb(), config.encrypted(), endpoint.healthy(), holds, excluded,
					config.latencyMs() <= bound, costs.storage(config), costs.egress(config), transfer,
					peakCosts.egress(config));
			terms.add(term);
			if (term.isEligible()) {
				candidates.add(new Candidate(config.name(), term.storageCost(), term.egressCost(), transfer,
						config.latencyMs(), term.peakEgressCost()));
			}
			else if (excluded != null) {
				exclusions.put(config.name(), excluded);
			}
		}
		PlacementProblem problem = new PlacementProblem(candidates, this.dim.replicationFactor(), bound)
			.withExclusions(exclusions);
		return new ObjectProblem(facts, bound,
				peak ? "dim.placement.warm-latency-ms (reads between peaks)" : boundSource(facts.tier()),
				predictedReads, (source != null) ? source.name() : null, terms,
				peak ? problem.withPeakBound(this.dim.slaLatencyMs()) : problem, peakReads);
	}

	/**
	 * Heat is an exponentially decayed count of accesses, so a steady rate r per hour
	 * settles at {@code r x half-life / ln 2}; the forecast assumes that rate holds over
	 * the horizon. (The ML service's forecast replaces this in a later issue.)
	 */
	double predictedReads(double heat) {
		double halfLifeHours = this.settings.heatHalfLife().toMillis() / 3_600_000.0;
		double ratePerHour = heat * Math.log(2) / halfLifeHours;
		return ratePerHour * this.settings.horizon().toMillis() / 3_600_000.0;
	}

	double latencyBound(Tier tier) {
		return switch (tier) {
			case HOT -> this.dim.slaLatencyMs();
			case WARM -> Math.max(this.settings.warmLatencyMs(), this.dim.slaLatencyMs());
			case COLD -> Math.max(this.settings.coldLatencyMs(), this.dim.slaLatencyMs());
		};
	}

	private static String boundSource(Tier tier) {
		return switch (tier) {
			case HOT -> "SLA_LATENCY_MS (hot)";
			case WARM -> "dim.placement.warm-latency-ms (warm)";
			case COLD -> "dim.placement.cold-latency-ms (cold)";
		};
	}

	/** The cheapest replica to copy from: healthy if any is, else any current one. */
	private static EndpointConfig transferSource(ObjectFacts facts, EndpointSnapshot endpoints) {
		Comparator<EndpointFacts> byEgress = Comparator.comparingDouble((e) -> e.config().egressCostPerGb());
		List<EndpointFacts> holding = facts.current()
			.stream()
			.map(endpoints::find)
			.flatMap(java.util.Optional::stream)
			.sorted(byEgress.thenComparing(EndpointFacts::name))
			.toList();
		return holding.stream()
			.filter(EndpointFacts::healthy)
			.findFirst()
			.or(() -> holding.stream().findFirst())
			.map(EndpointFacts::config)
			.orElse(null);
	}

}
