package io.dim.api.optimize;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

import io.dim.api.ml.MlClient;
import io.dim.api.ml.MlModelsLoaded;
import io.dim.api.ml.MlProperties;
import io.dim.api.ml.MlUnavailableException;
import io.dim.api.ml.Prediction;
import io.dim.model.features.Features;
import io.dim.model.heat.Tier;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;

/**
 * Decides the tiers the optimizer places by: ml-service's tier model where it has one,
 * raised to hot where the hot-soon forecast passes the pre-warm threshold, and the heat
 * bands (stream-service's tier) whenever ml-service is off, down, slow or has no model.
 * After a failure it waits {@code dim.ml.retry-after} before asking again, so a down
 * ml-service costs one timeout rather than one per batch.
 */
@Component
class TierAdvisor {

	private static final Logger log = LoggerFactory.getLogger(TierAdvisor.class);

	private final MlClient client;

	private final MlProperties settings;

	private final ObjectFeaturesReader features;

	private final Clock clock;

	private final MeterRegistry registry;

	private volatile long retryAt;

	private volatile String lastProblem;

	TierAdvisor(MlClient client, MlProperties settings, ObjectFeaturesReader features, MeterRegistry registry) {
		this.client = client;
		this.settings = settings;
		this.features = features;
		this.clock = Clock.systemUTC();
		this.registry = registry;
	}

	/**
	 * Models were just loaded: ask ml-service on the next run, whatever failed before.
	 */
	@EventListener(MlModelsLoaded.class)
	void retryNow() {
		this.retryAt = 0;
	}

	/** The objects with the tier to place them by, in the same order. */
	List<ObjectFacts> advise(List<ObjectFacts> objects) {
		if (objects.isEmpty()) {
			return objects;
		}
		if (!this.settings.enabled()) {
			return fallback(objects, "dim.ml.enabled is false");
		}
		long now = this.clock.millis();
		if (now < this.retryAt) {
			return fallback(objects, this.lastProblem + "; retrying after "
					+ java.time.Instant.ofEpochMilli(this.retryAt) + " (dim.ml.retry-after)");
		}
		try {
			// Features as of the end of the last whole bucket, like every training row (a
			// bucket still filling would look like a sudden drop in reads).
			long width = this.settings.bucketWidth().toMillis();
			Map<String, Features> rows = this.features.read(objects, now - now % width);
			List<ObjectFacts> advised = new ArrayList<>(objects.size());
			for (int from = 0; from < objects.size(); from += this.settings.batchSize()) {
				List<ObjectFacts> batch = objects.subList(from,
						Math.min(objects.size(), from + this.settings.batchSize()));
				Prediction.Batch answer = this.client
					.predict(batch.stream().map((facts) -> rows.get(facts.key())).toList());
				for (int i = 0; i < batch.size(); i++) {
					advised.add(decide(batch.get(i), answer.predictions().get(i), answer,
							this.settings.prewarmThreshold()));
				}
			}
			advised.forEach((facts) -> source(facts.tierSource()).increment());
			return advised;
		}
		catch (MlUnavailableException ex) {
			this.lastProblem = ex.getMessage();
			this.retryAt = now + this.settings.retryAfter().toMillis();
			log.warn("Placing by heat bands: {}", ex.getMessage());
			return fallback(objects, ex.getMessage());
		}
	}

	/**
	 * The tier model's tier if there is one (else the heat bands'), raised to hot when
	 * the hot-soon probability reaches the threshold.
	 */
	static ObjectFacts decide(ObjectFacts facts, Prediction prediction, Prediction.Batch answer,
			double prewarmThreshold) {
		Tier tier = facts.tier();
		String source = ObjectFacts.HEAT_BANDS;
		if (prediction.tier() != null) {
			tier = Tier.parse(prediction.tier()).orElse(facts.tier());
			source = ObjectFacts.MODEL;
		}
		boolean prewarm = prediction.hotSoonProbability() != null && prediction.hotSoonProbability() >= prewarmThreshold
				&& tier != Tier.HOT;
		if (prewarm) {
			tier = Tier.HOT;
			source = ObjectFacts.PREWARM;
		}
		return facts.withTier(tier, source,
				new TierAdvice(answer.tierModel(), answer.forecastModel(), prediction.tier(),
						prediction.tierProbabilities(), prediction.hotSoonProbability(), prewarmThreshold, prewarm));
	}

	private List<ObjectFacts> fallback(List<ObjectFacts> objects, String why) {
		String source = ObjectFacts.HEAT_BANDS + " (ml-service not used: " + why + ")";
		source(ObjectFacts.HEAT_BANDS).increment(objects.size());
		return objects.stream().map((facts) -> facts.withTier(facts.tier(), source, null)).toList();
	}

	private Counter source(String source) {
		String name = source.startsWith(ObjectFacts.HEAT_BANDS) ? "heat-bands" : source;
		return Counter.builder("dim_placement_tier_source")
			.description("Tiers the optimizer placed by, by where they came from")
			.tag("source", name.toLowerCase(Locale.ROOT))
			.register(this.registry);
	}

}
