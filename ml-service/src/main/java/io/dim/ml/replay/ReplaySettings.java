package io.dim.ml.replay;

import java.time.Duration;
import java.util.List;

import io.dim.model.endpoint.EndpointConfig;
import io.dim.model.heat.HeatBands;
import io.dim.model.heat.Tier;

/**
 * How a replay runs: the endpoints and placement settings of the product (the same
 * defaults as api-service), the request prices, how long a move takes to land, and which
 * part of the trace trains the forecaster.
 *
 * @param endpoints the endpoints objects may live on
 * @param replicationFactor replicas per object
 * @param slaLatencyMs the latency SLA of hot objects' reads (SLA_LATENCY_MS)
 * @param warmLatencyMs the bound of warm objects' reads (dim.placement.warm-latency-ms)
 * @param coldLatencyMs the bound of cold objects' reads (dim.placement.cold-latency-ms)
 * @param bands the heat bands
 * @param halfLife the half-life of heat
 * @param horizon the period the optimizer weighs costs over (dim.placement.horizon)
 * @param moveMargin dim.placement.move-margin
 * @param moveDelay how long after a decision a move lands (re-optimize delay, migrator
 * tick, copy)
 * @param copyOnReadWait how long a copy waits for a read to carry it before the migrator
 * makes it (dim.migrator.copy-on-read-wait; zero: never)
 * @param copyOnReadMaxBytes the largest object a read carries a copy of (below
 * dim.migrator.multipart-threshold)
 * @param trainShare the share of the trace's time that trains the forecaster; costs are
 * counted on the rest, for every policy
 * @param prewarmThreshold the hot-soon probability at which dim places an object as hot
 * (dim.ml.prewarm-threshold)
 * @param getPricePer1000 price of 1,000 reads (S3 Standard GET: 0.0004)
 * @param putPricePer1000 price of 1,000 writes or copies (S3 Standard PUT: 0.005)
 * @param seed seeds the forecaster's training
 */
public record ReplaySettings(List<EndpointConfig> endpoints, int replicationFactor, double slaLatencyMs,
		double warmLatencyMs, double coldLatencyMs, HeatBands bands, Duration halfLife, Duration horizon,
		double moveMargin, Duration moveDelay, Duration copyOnReadWait, long copyOnReadMaxBytes, double trainShare,
		double prewarmThreshold, double getPricePer1000, double putPricePer1000, long seed) {

	public ReplaySettings {
		endpoints = List.copyOf(endpoints);
		if (endpoints.isEmpty() || endpoints.size() > 30) {
			throw new IllegalArgumentException("endpoints: need 1 to 30 (got " + endpoints.size() + ")");
		}
		if (replicationFactor < 1) {
			throw new IllegalArgumentException("replication factor: must be at least 1");
		}
		if (copyOnReadWait.isNegative()) {
			throw new IllegalArgumentException("copy-on-read wait: must not be negative (got " + copyOnReadWait + ")");
		}
		if (!(trainShare > 0 && trainShare < 1)) {
			throw new IllegalArgumentException("train share: must be between 0 and 1 (got " + trainShare + ")");
		}
	}

	/** The product's defaults around the given endpoints, replication factor and SLA. */
	public static ReplaySettings defaults(List<EndpointConfig> endpoints, int replicationFactor, double slaLatencyMs) {
		return new ReplaySettings(endpoints, replicationFactor, slaLatencyMs, 120, 1000, new HeatBands(20, 2, 0.1),
				Duration.ofHours(1), Duration.ofDays(30), 0.2, Duration.ofMinutes(2), Duration.ofMinutes(5),
				64L * 1024 * 1024 - 1, 0.25, 0.7, 0.0004, 0.005, 42);
	}

	/** These settings with another move delay, training share and seed. */
	public ReplaySettings with(Duration delay, double share, long newSeed) {
		return new ReplaySettings(this.endpoints, this.replicationFactor, this.slaLatencyMs, this.warmLatencyMs,
				this.coldLatencyMs, this.bands, this.halfLife, this.horizon, this.moveMargin, delay,
				this.copyOnReadWait, this.copyOnReadMaxBytes, share, this.prewarmThreshold, this.getPricePer1000,
				this.putPricePer1000, newSeed);
	}

	/** These settings with another copy-on-read wait (zero: reads never carry copies). */
	public ReplaySettings withCopyOnReadWait(Duration wait) {
		return new ReplaySettings(this.endpoints, this.replicationFactor, this.slaLatencyMs, this.warmLatencyMs,
				this.coldLatencyMs, this.bands, this.halfLife, this.horizon, this.moveMargin, this.moveDelay, wait,
				this.copyOnReadMaxBytes, this.trainShare, this.prewarmThreshold, this.getPricePer1000,
				this.putPricePer1000, this.seed);
	}

	/**
	 * The latency a read of an object of this tier must meet (as the optimizer's bound).
	 */
	public double latencyBound(Tier tier) {
		return switch (tier) {
			case HOT -> this.slaLatencyMs;
			case WARM -> Math.max(this.warmLatencyMs, this.slaLatencyMs);
			case COLD -> Math.max(this.coldLatencyMs, this.slaLatencyMs);
		};
	}

	/** The horizon in 30-day months. */
	public double horizonMonths() {
		return this.horizon.toMillis() / (double) Duration.ofDays(30).toMillis();
	}

}
