package io.dim.ml.replay;

import java.time.Instant;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * A what-if comparison: the policies' costs and SLA shares over the same evaluated
 * period.
 *
 * @param events events in the trace
 * @param objects objects in the trace
 * @param from the trace's first event
 * @param evaluatedFrom where counting starts (the training part ends)
 * @param to the trace's last event
 * @param slaLatencyMs the SLA the policies were replayed with
 * @param replicationFactor the replicas per object they were replayed with
 * @param forecaster the forecaster's version and why it was kept (null without dim)
 * @param forecastCheck how dim's forecasts held up on the evaluated period (null without
 * a forecaster)
 * @param results one per policy, in the order asked
 * @param cheapestWithinSla the cheapest policy with under 1% of reads outside the SLA
 * (null if none)
 * @param dimRelative dim's total cost divided by each other policy's (empty without dim)
 * @param seconds how long the replay took
 */
public record ReplayReport(long events, int objects, Instant from, Instant evaluatedFrom, Instant to,
		double slaLatencyMs, int replicationFactor, String forecaster, ForecastCheck forecastCheck,
		List<PolicyResult> results, String cheapestWithinSla, Map<String, Double> dimRelative, double seconds) {

	/** The SLA share a policy must stay under to count as keeping the SLA. */
	public static final double SLA_TARGET = 0.01;

	static ReplayReport of(Trace trace, ReplaySettings settings, Instant evaluatedFrom, String forecaster,
			ForecastCheck forecastCheck, List<PolicyResult> results, double seconds) {
		String cheapest = results.stream()
			.filter((r) -> r.outsideSlaShare() < SLA_TARGET)
			.min(Comparator.comparingDouble(PolicyResult::totalCost))
			.map(PolicyResult::policy)
			.orElse(null);
		Map<String, Double> relative = new LinkedHashMap<>();
		results.stream().filter((r) -> r.policy().equals("dim")).findFirst().ifPresent((dim) -> {
			for (PolicyResult other : results) {
				if (!other.policy().equals("dim") && other.totalCost() > 0) {
					relative.put(other.policy(), dim.totalCost() / other.totalCost());
				}
			}
		});
		return new ReplayReport(trace.events(), trace.objectCount(), Instant.ofEpochMilli(trace.start()), evaluatedFrom,
				Instant.ofEpochMilli(trace.end()), settings.slaLatencyMs(), settings.replicationFactor(), forecaster,
				forecastCheck, results, cheapest, relative, seconds);
	}

	/** The comparison as a text table. */
	public String table() {
		StringBuilder out = new StringBuilder();
		out.append(String.format(Locale.ROOT, "%-20s %12s %10s %10s %10s %10s %9s %9s %7s %8s %7s%n", "policy", "total",
				"storage", "egress", "transfer", "requests", "outside", "slower", "moves", "by reads", "dim/this"));
		for (PolicyResult r : this.results) {
			Double relative = this.dimRelative.get(r.policy());
			out.append(
					String.format(Locale.ROOT, "%-20s %12.4f %10.4f %10.4f %10.4f %10.4f %8.3f%% %8.3f%% %7d %8d %7s%n",
							r.policy(), r.totalCost(), r.storageCost(), r.egressCost(), r.transferCost(),
							r.requestCost(), 100 * r.outsideSlaShare(), 100 * r.slowerThanSlaShare(), r.moves(),
							r.copiesOnReads(), (relative == null) ? "" : String.format(Locale.ROOT, "%.3f", relative)));
		}
		return out.toString();
	}

}
