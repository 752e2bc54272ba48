package io.dim.model.heat;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

import io.dim.model.config.InvalidSettingException;

/**
 * Heat thresholds of the tiers: at or above {@code hot} an object is hot, at or above
 * {@code warm} warm, otherwise cold.
 *
 * @param hot lowest heat of a hot object
 * @param warm lowest heat of a warm object
 */
@ConfigurationProperties("dim.heat.bands")
public record HeatBands(@DefaultValue("20") double hot, @DefaultValue("2") double warm) {

	public HeatBands {
		if (!(warm > 0) || !(hot > warm)) {
			throw new InvalidSettingException("dim.heat.bands",
					"need 0 < warm < hot (got warm=" + warm + ", hot=" + hot + ")");
		}
	}

	public Tier tierOf(double heat) {
		if (heat >= this.hot) {
			return Tier.HOT;
		}
		return (heat >= this.warm) ? Tier.WARM : Tier.COLD;
	}

	/** Lowest heat of a tier (inclusive). */
	public double lowerBound(Tier tier) {
		return switch (tier) {
			case HOT -> this.hot;
			case WARM -> this.warm;
			case COLD -> Double.NEGATIVE_INFINITY;
		};
	}

	/** Heat a tier stays below (exclusive). */
	public double upperBound(Tier tier) {
		return switch (tier) {
			case HOT -> Double.POSITIVE_INFINITY;
			case WARM -> this.hot;
			case COLD -> this.warm;
		};
	}

}
