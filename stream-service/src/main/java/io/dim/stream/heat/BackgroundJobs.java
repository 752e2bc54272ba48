package io.dim.stream.heat;

import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Configuration;
import org.springframework.scheduling.annotation.EnableScheduling;
import org.springframework.scheduling.annotation.Scheduled;

/**
 * The service's periodic work: the decayer, the top-N gauge, the sweep of forgotten
 * objects' heat and the tier changes left in the outbox. Off in the command-line modes
 * (simulate, produce, decay), which set dim.stream.consumer-enabled=false.
 */
@Configuration(proxyBeanMethods = false)
@EnableScheduling
@ConditionalOnProperty(name = "dim.stream.consumer-enabled", havingValue = "true", matchIfMissing = true)
class BackgroundJobs {

	private final Decayer decayer;

	private final HottestObjectsGauge hottest;

	private final ForgottenHeatSweeper sweeper;

	private final HeatChangePublisher heatChanges;

	BackgroundJobs(Decayer decayer, HottestObjectsGauge hottest, ForgottenHeatSweeper sweeper,
			HeatChangePublisher heatChanges) {
		this.decayer = decayer;
		this.hottest = hottest;
		this.sweeper = sweeper;
		this.heatChanges = heatChanges;
	}

	@Scheduled(fixedDelayString = "${dim.stream.decay-interval:10s}",
			initialDelayString = "${dim.stream.decay-interval:10s}")
	void decay() {
		this.decayer.decayOnce();
		this.hottest.refresh();
	}

	// A forgotten object's events are counted until the announcement of its forget
	// arrives (or, were it lost, for the managed-key cache's minute).
	@Scheduled(fixedDelayString = "${dim.stream.forgotten-sweep-interval:60s}",
			initialDelayString = "${dim.stream.forgotten-sweep-interval:60s}")
	void sweepForgotten() {
		this.sweeper.sweepOnce();
	}

	@Scheduled(fixedDelayString = "${dim.stream.outbox-interval:30s}",
			initialDelayString = "${dim.stream.outbox-interval:30s}")
	void resendTierChanges() {
		this.heatChanges.resendLeftovers();
	}

}
