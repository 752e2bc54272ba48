package io.dim.api.migrate;

import java.time.Duration;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Runs the migrator in the background (on by default): every
 * {@code dim.migrator.tick-interval} it ticks, and keeps ticking back to back while each
 * tick finds a full batch, so a long queue drains at the migrator's speed instead of
 * {@code tasks-per-tick} tasks per interval. A burst ends after {@link #MAX_BURST}: the
 * service's scheduled jobs share one thread, and alerts, repair and gauges get their
 * turn.
 */
@Component
@ConditionalOnProperty(name = "dim.migrator.scheduler-enabled", havingValue = "true", matchIfMissing = true)
class MigratorScheduler {

	static final Duration MAX_BURST = Duration.ofSeconds(30);

	private static final Logger log = LoggerFactory.getLogger(MigratorScheduler.class);

	private final Migrator migrator;

	private final MigratorQueries queries;

	private final int tasksPerTick;

	MigratorScheduler(Migrator migrator, MigratorQueries queries, MigratorProperties settings) {
		this.migrator = migrator;
		this.queries = queries;
		this.tasksPerTick = settings.tasksPerTick();
	}

	@Scheduled(fixedDelayString = "${dim.migrator.tick-interval:5s}",
			initialDelayString = "${dim.migrator.tick-interval:5s}")
	void tick() {
		long deadline = System.nanoTime() + MAX_BURST.toNanos();
		try {
			TickReport report;
			do {
				report = this.migrator.tickInBackground();
			}
			while (report.claimed() >= this.tasksPerTick && System.nanoTime() < deadline);
			this.queries.refreshGauge();
		}
		catch (RuntimeException ex) {
			log.warn("Migrator tick failed, will try again: {}", ex.toString());
		}
	}

}
