package io.dim.stream.heat;

import java.time.Duration;
import java.time.Instant;

import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Configuration;
import org.springframework.scheduling.annotation.EnableScheduling;
import org.springframework.scheduling.annotation.Scheduled;

/**
 * The service's periodic work: the decayer, the top-N gauge, the sweep of forgotten
 * objects' heat, the tier changes left in the outbox, the old count-once ids and the
 * replay of dead letters whose object has been adopted since. Off in the command-line
 * modes (simulate, produce, decay), which set dim.stream.consumer-enabled=false.
 */
@Configuration(proxyBeanMethods = false)
@EnableScheduling
@ConditionalOnProperty(name = "dim.stream.consumer-enabled", havingValue = "true", matchIfMissing = true)
class BackgroundJobs {

	private final Decayer decayer;

	private final HottestObjectsGauge hottest;

	private final ForgottenHeatSweeper sweeper;

	private final HeatChangePublisher heatChanges;

	private final HeatWriter writer;

	private final DeadLetterReplayer deadLetters;

	BackgroundJobs(Decayer decayer, HottestObjectsGauge hottest, ForgottenHeatSweeper sweeper,
			HeatChangePublisher heatChanges, HeatWriter writer, DeadLetterReplayer deadLetters) {
		this.decayer = decayer;
		this.hottest = hottest;
		this.sweeper = sweeper;
		this.heatChanges = heatChanges;
		this.writer = writer;
		this.deadLetters = deadLetters;
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

	// The ids of records counted once (resent from api-service's spool, replayed from the
	// dead letters) are kept for 30 days, to skip a repeat of one.
	@Scheduled(fixedDelayString = "1h", initialDelayString = "1m")
	void forgetOldCountOnceIds() {
		this.writer.forgetCountedOnceBefore(Instant.now().minus(Duration.ofDays(30)));
	}

	@Scheduled(fixedDelayString = "${dim.stream.outbox-interval:30s}",
			initialDelayString = "${dim.stream.outbox-interval:30s}")
	void resendTierChanges() {
		this.heatChanges.resendLeftovers();
	}

	// Events dead-lettered before their object was adopted are counted once it is,
	// without anyone running replay-dlq.
	@Scheduled(fixedDelayString = "${dim.stream.dlq-replay-interval:1m}",
			initialDelayString = "${dim.stream.dlq-replay-interval:1m}")
	void replayDeadLetters() {
		this.deadLetters.replayQuietly();
	}

}
