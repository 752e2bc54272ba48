package io.dim.api.optimize;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

import io.dim.model.config.InvalidSettingException;

/**
 * Settings of the placement optimizer ({@code dim.placement.*}).
 *
 * @param horizon the period costs are weighed over; a move must pay for itself within it
 * @param warmLatencyMs latency bound of a warm object's serving replica (a hot one's is
 * SLA_LATENCY_MS)
 * @param coldLatencyMs latency bound of a cold object's serving replica
 * @param moveMargin share by which a move's savings must exceed its transfer cost
 * @param heatHalfLife half-life of heat (as {@code dim.stream.half-life}), to turn heat
 * into an access rate
 * @param reoptimizeDelay how long tier changes from dim.heat are gathered before their
 * objects are re-optimized together
 */
@ConfigurationProperties("dim.placement")
public record PlacementProperties(@DefaultValue("30d") Duration horizon, @DefaultValue("120") double warmLatencyMs,
		@DefaultValue("1000") double coldLatencyMs, @DefaultValue("0.2") double moveMargin,
		@DefaultValue("1h") Duration heatHalfLife, @DefaultValue("5s") Duration reoptimizeDelay) {

	public PlacementProperties {
		if (horizon.isNegative() || horizon.isZero()) {
			throw new InvalidSettingException("dim.placement.horizon", "must be positive (got " + horizon + ")");
		}
		if (!(coldLatencyMs >= warmLatencyMs)) {
			throw new InvalidSettingException("dim.placement.cold-latency-ms",
					"must be at least dim.placement.warm-latency-ms (" + warmLatencyMs + ")");
		}
		if (!(moveMargin >= 0)) {
			throw new InvalidSettingException("dim.placement.move-margin", "must not be negative");
		}
		if (heatHalfLife.isNegative() || heatHalfLife.isZero()) {
			throw new InvalidSettingException("dim.placement.heat-half-life", "must be positive");
		}
		if (reoptimizeDelay.isNegative() || reoptimizeDelay.isZero()) {
			throw new InvalidSettingException("dim.placement.reoptimize-delay", "must be positive");
		}
	}

	/** The horizon in 30-day months, to turn costs over it into monthly costs. */
	public double horizonMonths() {
		return this.horizon.toMillis() / (double) Duration.ofDays(30).toMillis();
	}

}
