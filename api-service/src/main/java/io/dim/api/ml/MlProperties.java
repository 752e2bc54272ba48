package io.dim.api.ml;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

import io.dim.model.config.InvalidSettingException;

/**
 * How api-service uses ml-service ({@code dim.ml.*}; its URL is ML_SERVICE_URL).
 *
 * @param enabled ask ml-service for tiers at all (false: heat bands only)
 * @param timeout limit on each call to ml-service
 * @param batchSize objects per {@code POST /predict}
 * @param prewarmThreshold hot_soon probability at or above which an object is placed as
 * hot before it heats up
 * @param retryAfter after a failed call, how long the optimizer uses the heat bands
 * before trying ml-service again (so a down ml-service costs one timeout, not one per
 * batch)
 * @param bucketWidth the access_bucket width, as {@code dim.stream.bucket-width} (the
 * features are counted in buckets)
 * @param whatIfTimeout limit on a {@code GET /whatif} (ml-service trains a forecaster and
 * replays every policy)
 */
@ConfigurationProperties("dim.ml")
public record MlProperties(@DefaultValue("true") boolean enabled, @DefaultValue("2s") Duration timeout,
		@DefaultValue("1000") int batchSize, @DefaultValue("0.7") double prewarmThreshold,
		@DefaultValue("30s") Duration retryAfter, @DefaultValue("1h") Duration bucketWidth,
		@DefaultValue("10m") Duration whatIfTimeout) {

	public MlProperties {
		if (timeout.isNegative() || timeout.isZero()) {
			throw new InvalidSettingException("dim.ml.timeout", "must be positive (got " + timeout + ")");
		}
		if (batchSize < 1) {
			throw new InvalidSettingException("dim.ml.batch-size", "must be at least 1 (got " + batchSize + ")");
		}
		if (!(prewarmThreshold > 0 && prewarmThreshold <= 1)) {
			throw new InvalidSettingException("dim.ml.prewarm-threshold",
					"must be in (0, 1] (got " + prewarmThreshold + ")");
		}
		if (retryAfter.isNegative()) {
			throw new InvalidSettingException("dim.ml.retry-after", "must not be negative");
		}
		if (whatIfTimeout.isNegative() || whatIfTimeout.isZero()) {
			throw new InvalidSettingException("dim.ml.what-if-timeout", "must be positive (got " + whatIfTimeout + ")");
		}
		if (bucketWidth.toMillis() < 1000) {
			throw new InvalidSettingException("dim.ml.bucket-width", "must be at least 1s");
		}
	}

}
