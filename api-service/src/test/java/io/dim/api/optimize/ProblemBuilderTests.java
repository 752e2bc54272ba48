package io.dim.api.optimize;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.Test;

import io.dim.model.config.DimProperties;
import io.dim.model.endpoint.LocalEndpoints;
import io.dim.model.heat.HeatBands;
import io.dim.model.heat.Tier;
import io.dim.model.placement.ClosedFormPlacementSolver;
import io.dim.model.placement.MilpPlacementSolver;
import io.dim.model.placement.MoveRule;
import io.dim.model.placement.Placement;
import io.dim.model.placement.PlacementPlanner;

/**
 * Tests for {@link ProblemBuilder} with the local endpoints (aws 20 ms, azure 60 ms, gcp
 * 150 ms) and a 50 ms SLA that only aws meets: a hot object advised by ml-service is
 * placed for its peak and for its reads between peaks; by the heat bands alone, for the
 * SLA only.
 */
class ProblemBuilderTests {

	final ProblemBuilder builder = new ProblemBuilder(
			new PlacementProperties(Duration.ofDays(30), 120, 1000, 0.2, Duration.ofHours(1), Duration.ofSeconds(5)),
			new DimProperties("127.0.0.1:9092", 50, 2, "", URI.create("http://127.0.0.1:8001"), "key"),
			new HeatBands(20, 2, 0.1));

	final EndpointSnapshot endpoints = new EndpointSnapshot(LocalEndpoints.defaults()
		.stream()
		.map((config) -> new EndpointFacts(config, true, null, false, false))
		.toList(), Map.of(), false);

	final TierAdvice advice = new TierAdvice(null, "forecast-v1", null, null, 0.9, 0.7, true);

	/** 100 MB, warm (heat 10: about 7 reads an hour), held on aws and gcp. */
	ObjectFacts facts(Tier tier, TierAdvice withAdvice) {
		return new ObjectFacts("daily", 100_000_000, Set.of("aws", "gcp"), 10, tier,
				(withAdvice != null) ? ObjectFacts.PREWARM : ObjectFacts.HEAT_BANDS, withAdvice);
	}

	@Test
	void aPrewarmedObjectKeepsAReplicaWithinTheSlaAndServesItsOtherReadsFromTheCheaperOne() {
		ObjectProblem problem = this.builder.build(facts(Tier.HOT, this.advice), this.endpoints);
		assertThat(problem.problem().hasPeak()).isTrue();
		assertThat(problem.problem().peakBoundMs()).isEqualTo(50);
		assertThat(problem.latencyBoundMs()).isEqualTo(120);
		assertThat(problem.boundSource()).contains("between peaks");
		// 20 heat settles from 20 ln 2 = 13.9 reads an hour, over 720 hours.
		assertThat(problem.peakReads()).isCloseTo(20 * Math.log(2) * 720, org.assertj.core.data.Offset.offset(1e-6));
		for (PlacementPlanner planner : List.of(new PlacementPlanner(new MilpPlacementSolver()),
				new PlacementPlanner(new ClosedFormPlacementSolver()))) {
			Placement best = planner.plan(problem.problem(), Set.of("aws", "gcp")).placement();
			assertThat(best.endpoints()).containsExactly("aws", "azure");
			assertThat(best.peakServing()).isEqualTo("aws");
			assertThat(best.serving()).isEqualTo("azure");
			// The move from {aws, gcp} pays: the warm reads cost 3% less from azure.
			assertThat(new MoveRule(0.2).decide(problem.problem(), Set.of("aws", "gcp"), best).move()).isTrue();
		}
	}

	@Test
	void byTheHeatBandsAloneAHotObjectsReadsAllNeedTheSla() {
		ObjectProblem problem = this.builder.build(facts(Tier.HOT, null), this.endpoints);
		assertThat(problem.problem().hasPeak()).isFalse();
		assertThat(problem.peakReads()).isZero();
		assertThat(problem.latencyBoundMs()).isEqualTo(50);
		Placement best = new PlacementPlanner(new MilpPlacementSolver()).plan(problem.problem(), Set.of("aws", "gcp"))
			.placement();
		assertThat(best.endpoints()).containsExactly("aws", "gcp");
		assertThat(best.serving()).isEqualTo("aws");
	}

	@Test
	void aWarmObjectIsPlacedForItsTierWhateverTheAdvice() {
		ObjectProblem problem = this.builder.build(facts(Tier.WARM, this.advice), this.endpoints);
		assertThat(problem.problem().hasPeak()).isFalse();
		assertThat(problem.latencyBoundMs()).isEqualTo(120);
	}

}
