package io.dim.api.ml;

import java.util.List;
import java.util.Map;

/**
 * ml-service's answer for one object.
 *
 * @param tier the predicted tier (null without a tier model)
 * @param tierProbabilities probability of each tier
 * @param hotSoonProbability probability of reaching the hot rate within the horizon (null
 * without a forecast model, and for an object not accessed within the last day: the
 * forecaster is trained on and asked about recently accessed objects only)
 */
public record Prediction(String tier, Map<String, Double> tierProbabilities, Double hotSoonProbability) {

	/**
	 * A batch's answer.
	 *
	 * @param predictions one per row, in order
	 * @param tierModel version of the tier model (null: none)
	 * @param forecastModel version of the forecast model (null: none)
	 */
	public record Batch(List<Prediction> predictions, String tierModel, String forecastModel) {

	}

}
