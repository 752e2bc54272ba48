package io.dim.ml.serve;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.springframework.stereotype.Service;
import org.tribuo.Prediction;
import org.tribuo.classification.Label;
import org.tribuo.classification.LabelFactory;

import io.dim.ml.train.FeatureEncoding;
import io.dim.ml.train.Task;
import io.dim.ml.train.TaskTraining;
import io.dim.model.features.Features;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;

/** Runs the loaded models over a batch of feature rows. */
@Service
public class PredictionService {

	private final ModelStore store;

	private final Counter predictions;

	PredictionService(ModelStore store, MeterRegistry registry) {
		this.store = store;
		this.predictions = Counter.builder("dim_ml_predictions")
			.description("Feature rows predicted by ml-service")
			.register(registry);
	}

	/**
	 * One object's prediction.
	 *
	 * @param tier the predicted tier (null without a tier model)
	 * @param tierProbabilities probability of each tier
	 * @param hotSoonProbability probability of reaching the hot rate within the horizon
	 * (null without a forecast model, and for an object not accessed within the last day,
	 * which the forecaster does not cover: {@link Task#covers})
	 */
	public record ObjectPrediction(String tier, Map<String, Double> tierProbabilities, Double hotSoonProbability) {

	}

	/**
	 * @param predictions one per row, in order
	 * @param tierModel version of the tier model used (null: none loaded)
	 * @param forecastModel version of the forecast model used (null: none loaded)
	 */
	public record Batch(List<ObjectPrediction> predictions, String tierModel, String forecastModel) {

	}

	/** Empty when no model at all is loaded. */
	public Optional<Batch> predict(List<Features> rows) {
		Optional<LoadedModel> tiers = this.store.get(Task.TIERS);
		Optional<LoadedModel> forecast = this.store.get(Task.FORECAST);
		if (tiers.isEmpty() && forecast.isEmpty()) {
			return Optional.empty();
		}
		List<ObjectPrediction> out = new ArrayList<>(rows.size());
		for (Features row : rows) {
			String tier = null;
			Map<String, Double> probabilities = null;
			Double hotSoon = null;
			if (tiers.isPresent()) {
				Prediction<Label> prediction = tiers.get()
					.model()
					.predict(FeatureEncoding.example(LabelFactory.UNKNOWN_LABEL, row));
				tier = prediction.getOutput().getLabel();
				probabilities = new LinkedHashMap<>();
				for (String label : Task.TIERS.classes()) {
					probabilities.put(label, TaskTraining.positiveProbability(prediction, label));
				}
			}
			if (forecast.isPresent() && Task.FORECAST.covers(row)) {
				Prediction<Label> prediction = forecast.get()
					.model()
					.predict(FeatureEncoding.example(LabelFactory.UNKNOWN_LABEL, row));
				hotSoon = TaskTraining.positiveProbability(prediction, Task.FORECAST.positive());
			}
			out.add(new ObjectPrediction(tier, probabilities, hotSoon));
		}
		this.predictions.increment(rows.size());
		return Optional.of(new Batch(out, tiers.map(LoadedModel::version).orElse(null),
				forecast.map(LoadedModel::version).orElse(null)));
	}

}
