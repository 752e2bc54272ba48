package io.dim.api.alert;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.springframework.stereotype.Component;

import io.dim.model.config.DimProperties;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.distribution.CountAtBucket;

/**
 * SLA latency breached: the p95 of successful S3 GETs of an endpoint over the window
 * ({@code dim.alerts.sla-window}) above SLA_LATENCY_MS. Measured from the
 * {@code dim_s3_request} histograms every S3 call feeds: each evaluation keeps their
 * counts and compares with those of a window ago, interpolating within a bucket as
 * Prometheus's {@code histogram_quantile} does.
 */
@Component
class SlaLatencyRule implements AlertRule {

	static final String NAME = "sla_latency";

	private final MeterRegistry registry;

	private final DimProperties dim;

	private final AlertProperties settings;

	private final Deque<Sample> samples = new ArrayDeque<>();

	SlaLatencyRule(MeterRegistry registry, DimProperties dim, AlertProperties settings) {
		this.registry = registry;
		this.dim = dim;
		this.settings = settings;
	}

	/** Each endpoint's GET histogram at a moment: bucket bounds (ms) and counts. */
	private record Sample(long at, Map<String, double[][]> histograms) {

	}

	@Override
	public String name() {
		return NAME;
	}

	@Override
	public List<String> severities() {
		return List.of(Condition.CRITICAL);
	}

	@Override
	public synchronized List<Condition> evaluate(boolean asked) {
		long now = System.currentTimeMillis();
		Sample current = new Sample(now, histograms());
		Sample base = null;
		for (Sample sample : this.samples) {
			if (sample.at() <= now - this.settings.slaWindow().toMillis() || base == null) {
				base = sample;
			}
		}
		this.samples.addLast(current);
		while (this.samples.size() > 1 && this.samples.peekFirst() != base
				&& this.samples.peekFirst().at() < now - 2 * this.settings.slaWindow().toMillis()) {
			this.samples.removeFirst();
		}
		List<Condition> found = new ArrayList<>();
		if (base == null) {
			return found;
		}
		for (Map.Entry<String, double[][]> entry : current.histograms().entrySet()) {
			double[][] before = base.histograms().get(entry.getKey());
			Double p95 = p95(entry.getValue(), before);
			if (p95 != null && p95 > this.dim.slaLatencyMs()) {
				found.add(new Condition(NAME, entry.getKey(), Condition.CRITICAL,
						String.format(Locale.ROOT,
								"p95 GET latency of %s over the last %s is %s, above SLA_LATENCY_MS %.0f ms",
								entry.getKey(), this.settings.slaWindow(), Double.isInfinite(p95)
										? "above the largest bucket" : String.format(Locale.ROOT, "%.0f ms", p95),
								this.dim.slaLatencyMs())));
			}
		}
		return found;
	}

	/**
	 * The p95 in ms from the counts since {@code before} (null before: all counts); null
	 * with fewer requests than {@code dim.alerts.sla-min-requests}.
	 */
	Double p95(double[][] now, double[][] before) {
		double[] bounds = now[0];
		double[] delta = new double[bounds.length];
		for (int i = 0; i < bounds.length; i++) {
			delta[i] = now[1][i] - ((before != null && before[1].length == bounds.length) ? before[1][i] : 0);
		}
		double total = now[2][0] - ((before != null) ? before[2][0] : 0);
		if (total < Math.max(1, this.settings.slaMinRequests())) {
			return null;
		}
		double target = 0.95 * total;
		double previousBound = 0;
		double previousCount = 0;
		for (int i = 0; i < bounds.length; i++) {
			if (delta[i] >= target) {
				double inBucket = delta[i] - previousCount;
				double share = (inBucket > 0) ? (target - previousCount) / inBucket : 1;
				return previousBound + share * (bounds[i] - previousBound);
			}
			previousBound = bounds[i];
			previousCount = delta[i];
		}
		return Double.POSITIVE_INFINITY;
	}

	/**
	 * Per endpoint: {bucket bounds ms, cumulative counts, {total}} of successful GETs.
	 */
	private Map<String, double[][]> histograms() {
		Map<String, double[][]> out = new HashMap<>();
		for (Timer timer : this.registry.find("dim_s3_request").tag("op", "GetObject").tag("outcome", "ok").timers()) {
			CountAtBucket[] buckets = timer.takeSnapshot().histogramCounts();
			double[] bounds = new double[buckets.length];
			double[] counts = new double[buckets.length];
			for (int i = 0; i < buckets.length; i++) {
				bounds[i] = buckets[i].bucket(TimeUnit.MILLISECONDS);
				counts[i] = buckets[i].count();
			}
			out.put(timer.getId().getTag("endpoint"), new double[][] { bounds, counts, { timer.count() } });
		}
		return out;
	}

}
