package io.dim.api.alert;

import java.util.List;
import java.util.Locale;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * Traffic spike: the rate of access events, measured from the consumer offsets
 * stream-service stores with every batch (so every event counts once, whichever instance
 * consumed it), against its recent baseline (an exponentially weighted mean of the
 * earlier rates, about ten evaluations long). Alerts when the rate is
 * {@code dim.alerts.spike-factor} times the baseline and above
 * {@code dim.alerts.spike-min-rate}.
 */
@Component
class TrafficSpikeRule implements AlertRule {

	static final String NAME = "traffic_spike";

	private static final double WEIGHT = 0.1;

	private final JdbcTemplate jdbc;

	private final AlertProperties settings;

	private long lastOffsets = -1;

	private long lastAt;

	private double baseline = Double.NaN;

	TrafficSpikeRule(JdbcTemplate jdbc, AlertProperties settings) {
		this.jdbc = jdbc;
		this.settings = settings;
	}

	@Override
	public String name() {
		return NAME;
	}

	@Override
	public List<String> severities() {
		return List.of(Condition.WARNING);
	}

	@Override
	public synchronized List<Condition> evaluate(boolean asked) {
		Long sum = this.jdbc.queryForObject(
				"SELECT COALESCE(SUM(next_offset), 0) FROM consumer_offset WHERE topic = 'dim.access'", Long.class);
		long offsets = (sum != null) ? sum : 0;
		long now = System.currentTimeMillis();
		long previous = this.lastOffsets;
		long previousAt = this.lastAt;
		this.lastOffsets = offsets;
		this.lastAt = now;
		if (previous < 0 || now <= previousAt) {
			return List.of();
		}
		double rate = Math.max(0, offsets - previous) / ((now - previousAt) / 1000.0);
		double base = this.baseline;
		boolean spike = !Double.isNaN(base) && rate >= this.settings.spikeMinRate()
				&& rate > this.settings.spikeFactor() * base;
		// A spike does not raise its own baseline much; quiet periods lower it.
		this.baseline = Double.isNaN(base) ? rate : base + WEIGHT * (Math.min(rate, 2 * base + 1) - base);
		if (!spike) {
			return List.of();
		}
		return List.of(new Condition(NAME, "dim.access", Condition.WARNING, describe(rate, base)));
	}

	static String describe(double rate, double baseline) {
		if (baseline <= 0) {
			return String.format(Locale.ROOT, "%.1f access events/s, where there were none recently", rate);
		}
		return String.format(Locale.ROOT, "%.1f access events/s, %.1f times the recent baseline of %.2f/s", rate,
				rate / baseline, baseline);
	}

}
