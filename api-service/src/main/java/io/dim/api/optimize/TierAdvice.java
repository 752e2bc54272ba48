package io.dim.api.optimize;

import java.util.Map;

/**
 * What ml-service said about an object's tier.
 *
 * @param tierModel version of the tier model (null: none loaded)
 * @param forecastModel version of the forecast model (null: none loaded)
 * @param predictedTier the tier model's answer (null without one)
 * @param tierProbabilities its probability for each tier
 * @param hotSoonProbability the forecaster's probability that the object turns hot within
 * the horizon (null without one)
 * @param prewarmThreshold the probability at which an object is pre-warmed
 * @param prewarmed whether the forecast made the object hot before it heated up
 */
public record TierAdvice(String tierModel, String forecastModel, String predictedTier,
		Map<String, Double> tierProbabilities, Double hotSoonProbability, double prewarmThreshold, boolean prewarmed) {

}
