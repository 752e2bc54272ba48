package io.dim.ml.train;

import java.util.List;

import io.dim.ml.dataset.FeatureRow;

/**
 * What a model learns: the tier (hot, warm, cold) or whether an object will be hot within
 * the horizon.
 */
public enum Task {

	TIERS("tiers", List.of("hot", "warm", "cold"), null),

	FORECAST("forecast", List.of("true", "false"), "true");

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
