package io.dim.model.heat;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

import io.dim.model.config.InvalidSettingException;

/**
 * Heat thresholds of the tiers: at or above {@code hot} an object is hot, at or above
 * {@code warm} warm, otherwise cold. A tracked tier changes only once the heat is past a
 * threshold by the margin, so a value hovering at an edge does not flap.
 *
 * @param hot lowest heat of a hot object
 * @param warm lowest heat of a warm object
 * @param margin share of a threshold the heat must pass it by to change a tracked tier
 */
@ConfigurationProperties("dim.heat.bands")
public record HeatBands(@DefaultValue("20") double hot, @DefaultValue("2") double warm,
		@DefaultValue("0.1") double margin) {

	public HeatBands {
		if (!(warm > 0) || !(hot > warm)) {
			throw new InvalidSettingException("dim.heat.bands",
					"need 0 < warm < hot (got warm=" + warm + ", hot=" + hot + ")");
		}
		if (margin < 0 || margin >= 1) {
			throw new InvalidSettingException("dim.heat.bands.margin", "must be in [0, 1) (got " + margin + ")");
		}
	}

	/**
	 * The plain band of a heat value, without hysteresis (filters, one-off
	 * classification).
	 */
	public Tier tierOf(double heat) {
		if (heat >= this.hot) {
			return Tier.HOT;
		}
		return (heat >= this.warm) ? Tier.WARM : Tier.COLD;
	}

	/**
	 * The tier of an object now in {@code current} whose heat became {@code heat}: it
	 * rises to a hotter tier only above that tier's threshold plus the margin, and falls
	 * only below its own threshold minus the margin.
	 */
	public Tier next(Tier current, double heat) {
		Tier tier = current;
		while (tier != Tier.HOT && heat >= lowerBound(hotter(tier)) * (1 + this.margin)) {
			tier = hotter(tier);
		}
		if (tier != current) {
			return tier;
		}
		while (tier != Tier.COLD && heat < lowerBound(tier) * (1 - this.margin)) {
			tier = colder(tier);
		}
		return tier;
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

	private static Tier hotter(Tier tier) {
		return (tier == Tier.COLD) ? Tier.WARM : Tier.HOT;
	}

	private static Tier colder(Tier tier) {
		return (tier == Tier.HOT) ? Tier.WARM : Tier.COLD;
	}

}
