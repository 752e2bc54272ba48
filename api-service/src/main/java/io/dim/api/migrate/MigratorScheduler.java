package io.dim.api.migrate;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/** Runs a migrator tick every {@code dim.migrator.tick-interval} (on by default). */
@Component
@ConditionalOnProperty(name = "dim.migrator.scheduler-enabled", havingValue = "true", matchIfMissing = true)
class MigratorScheduler {

	private static final Logger log = LoggerFactory.getLogger(MigratorScheduler.class);

	private final Migrator migrator;

	private final MigratorQueries queries;

	MigratorScheduler(Migrator migrator, MigratorQueries queries) {
		this.migrator = migrator;
		this.queries = queries;
	}

	@Scheduled(fixedDelayString = "${dim.migrator.tick-interval:5s}",
			initialDelayString = "${dim.migrator.tick-interval:5s}")
	void tick() {
		try {
			this.migrator.tick();
			this.queries.refreshGauge();
		}
		catch (RuntimeException ex) {
			log.warn("Migrator tick failed, will try again: {}", ex.toString());
		}
	}

}
