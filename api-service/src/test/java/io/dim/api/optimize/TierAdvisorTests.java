package io.dim.api.optimize;

import java.util.List;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.Test;

import io.dim.api.ml.Prediction;
import io.dim.model.heat.Tier;

import static org.assertj.core.api.Assertions.assertThat;

/** How ml-service's answer becomes the tier an object is placed by. */
class TierAdvisorTests {

	final ObjectFacts cold = new ObjectFacts("k", 10, Set.of("aws"), 0.5, Tier.COLD, ObjectFacts.HEAT_BANDS, null);

	final Prediction.Batch both = new Prediction.Batch(List.of(), "tiers-v1", "forecast-v1");

	@Test
	void theTierModelDecidesWhenTheForecastIsBelowTheThreshold() {
		ObjectFacts advised = TierAdvisor.decide(this.cold,
				new Prediction("warm", Map.of("hot", 0.1, "warm", 0.7, "cold", 0.2), 0.69), this.both, 0.7);
		assertThat(advised.tier()).isEqualTo(Tier.WARM);
		assertThat(advised.tierSource()).isEqualTo(ObjectFacts.MODEL);
		assertThat(advised.advice().prewarmed()).isFalse();
		assertThat(advised.advice().tierModel()).isEqualTo("tiers-v1");
	}

	@Test
	void aLikelyHotSoonObjectIsPrewarmedToHot() {
		ObjectFacts advised = TierAdvisor.decide(this.cold,
				new Prediction("cold", Map.of("hot", 0.1, "warm", 0.1, "cold", 0.8), 0.7), this.both, 0.7);
		assertThat(advised.tier()).isEqualTo(Tier.HOT);
		assertThat(advised.tierSource()).isEqualTo(ObjectFacts.PREWARM);
		assertThat(advised.advice().prewarmed()).isTrue();
		assertThat(advised.advice().predictedTier()).isEqualTo("cold");
	}

	@Test
	void withOnlyAForecastTheHeatBandsKeepTheTierUnlessItPrewarms() {
		Prediction.Batch forecastOnly = new Prediction.Batch(List.of(), null, "forecast-v1");
		ObjectFacts kept = TierAdvisor.decide(this.cold, new Prediction(null, null, 0.2), forecastOnly, 0.7);
		assertThat(kept.tier()).isEqualTo(Tier.COLD);
		assertThat(kept.tierSource()).isEqualTo(ObjectFacts.HEAT_BANDS);
		ObjectFacts warmed = TierAdvisor.decide(this.cold, new Prediction(null, null, 0.9), forecastOnly, 0.7);
		assertThat(warmed.tier()).isEqualTo(Tier.HOT);
		assertThat(warmed.tierSource()).isEqualTo(ObjectFacts.PREWARM);
	}

	@Test
	void anObjectTheForecasterDoesNotCoverIsPlacedByItsTierAndTheExplanationSaysWhy() {
		// ml-service answers no hot-soon probability for an object not accessed within
		// the last day.
		ObjectFacts advised = TierAdvisor.decide(this.cold,
				new Prediction("cold", Map.of("hot", 0.0, "warm", 0.1, "cold", 0.9), null), this.both, 0.7);
		assertThat(advised.tier()).isEqualTo(Tier.COLD);
		assertThat(advised.tierSource()).isEqualTo(ObjectFacts.MODEL);
		assertThat(advised.advice().prewarmed()).isFalse();
		assertThat(Explainer.forecast(advised.advice()))
			.isEqualTo("; no forecast: the forecaster (model forecast-v1) covers objects accessed within the last day, "
					+ "and this one was not");
		ObjectFacts likely = TierAdvisor.decide(this.cold,
				new Prediction("warm", Map.of("hot", 0.2, "warm", 0.7, "cold", 0.1), 0.4), this.both, 0.7);
		assertThat(Explainer.forecast(likely.advice()))
			.isEqualTo("; the forecast gives a 0.40 probability of being hot within the horizon, "
					+ "below the pre-warm threshold 0.70");
		Prediction.Batch tiersOnly = new Prediction.Batch(List.of(), "tiers-v1", null);
		assertThat(Explainer.forecast(
				TierAdvisor
					.decide(this.cold, new Prediction("cold", Map.of("hot", 0.0, "warm", 0.1, "cold", 0.9), null),
							tiersOnly, 0.7)
					.advice()))
			.isEmpty();
	}

	@Test
	void anAlreadyHotObjectIsNotCalledPrewarmed() {
		ObjectFacts advised = TierAdvisor.decide(this.cold,
				new Prediction("hot", Map.of("hot", 0.9, "warm", 0.05, "cold", 0.05), 0.95), this.both, 0.7);
		assertThat(advised.tier()).isEqualTo(Tier.HOT);
		assertThat(advised.tierSource()).isEqualTo(ObjectFacts.MODEL);
		assertThat(advised.advice().prewarmed()).isFalse();
	}

}
