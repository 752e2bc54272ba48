package io.dim.ml.serve;

import java.nio.file.Path;
import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

import io.dim.model.config.InvalidSettingException;

/**
 * Model serving settings ({@code dim.ml.*}).
 *
 * @param modelsDir where {@code tiers.model} and {@code forecast.model} (and their
 * {@code -metrics.json}) are loaded from (env MODELS_DIR)
 * @param maxPredictRows most rows one {@code POST /predict} may carry
 * @param loadCheckInterval how often each instance checks whether another one loaded the
 * models ({@code POST /models/load}), to load them too
 */
@ConfigurationProperties("dim.ml")
public record ServeProperties(@DefaultValue("models") Path modelsDir, @DefaultValue("10000") int maxPredictRows,
		@DefaultValue("10s") Duration loadCheckInterval) {

	public ServeProperties {
		if (loadCheckInterval.toMillis() < 100 || loadCheckInterval.compareTo(Duration.ofHours(1)) > 0) {
			throw new InvalidSettingException("dim.ml.load-check-interval", "must be between 100ms and 1h");
		}
		if (maxPredictRows < 1) {
			throw new InvalidSettingException("dim.ml.max-predict-rows",
					"must be at least 1 (got " + maxPredictRows + ")");
		}
	}

}
