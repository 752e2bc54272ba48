package io.dim.ml.train;

import java.util.List;

import io.dim.ml.dataset.FeatureRow;
import io.dim.model.features.Features;

/**
 * What a model learns: the tier (hot, warm, cold) or whether an object will be hot within
 * the horizon.
 */
public enum Task {

	TIERS("tiers", List.of("hot", "warm", "cold"), null),

	FORECAST("forecast", List.of("true", "false"), "true");

	/**
	 * How recently an object must have been accessed for the forecaster to be asked about
	 * it, in hours.
	 */
	public static final double FORECAST_RECENT_HOURS = 24;

	private final String name;

	private final List<String> classes;

	private final String positive;

	Task(String name, List<String> classes, String positive) {
		this.name = name;
		this.classes = classes;
		this.positive = positive;
	}

	/** The file-name and version prefix: {@code tiers} or {@code forecast}. */
	public String fileName() {
		return this.name;
	}

	public List<String> classes() {
		return this.classes;
	}

	/** The positive class of a binary task, else null. */
	public String positive() {
		return this.positive;
	}

	/**
	 * Whether this model is trained on and asked about an object with these features. The
	 * tier model covers every object. The forecaster covers objects accessed within the
	 * last day: a catalogue's idle bulk would otherwise make up most of its rows and
	 * teach it that nothing ever peaks (on the what-if benchmark's catalogue, recall at
	 * the pre-warm threshold 0.20 instead of 0.85), and an object idle for longer has
	 * nothing for it to go on.
	 */
	public boolean covers(Features features) {
		return this == TIERS
				|| (features.hoursSinceAccess() >= 0 && features.hoursSinceAccess() <= FORECAST_RECENT_HOURS);
	}

	public String label(FeatureRow row) {
		return (this == TIERS) ? row.labelTier() : Boolean.toString(row.hotSoon());
	}

	/**
	 * What the heat bands alone would say: the band now for the tier; for hot_soon,
	 * "already hot", scored by the heat itself.
	 */
	public String baseline(FeatureRow row) {
		return (this == TIERS) ? row.features().tierNow() : Boolean.toString("hot".equals(row.features().tierNow()));
	}

	public double baselineScore(FeatureRow row) {
		return row.features().heat();
	}

}
