package io.dim.model.db;

import java.time.Duration;
import java.time.Instant;

import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.FlywayException;
import org.flywaydb.core.api.MigrationInfo;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.flyway.autoconfigure.FlywayMigrationStrategy;

/**
 * Used instead of a migration by every service but api-service: waits until the schema
 * api-service migrates is at the version this build knows, then validates it. Starting
 * the services in any order is therefore safe, and a service never runs against an older
 * or half-migrated schema.
 */
public class SchemaGate implements FlywayMigrationStrategy {

	private static final Logger log = LoggerFactory.getLogger(SchemaGate.class);

	private final Duration timeout;

	private final Duration pollInterval;

	public SchemaGate(Duration timeout, Duration pollInterval) {
		this.timeout = timeout;
		this.pollInterval = pollInterval;
	}

	@Override
	public void migrate(Flyway flyway) {
		Instant deadline = Instant.now().plus(this.timeout);
		String lastProblem = "";
		while (true) {
			try {
				MigrationInfo[] pending = flyway.info().pending();
				if (pending.length == 0) {
					flyway.validate();
					return;
				}
				lastProblem = pending.length + " migration(s) not applied yet, first " + pending[0].getVersion();
			}
			catch (FlywayException ex) {
				lastProblem = ex.getMessage();
			}
			if (Instant.now().isAfter(deadline)) {
				throw new IllegalStateException("database schema not ready after " + this.timeout.toSeconds() + " s ("
						+ lastProblem + "): start api-service, which runs the migrations");
			}
			log.info("Waiting for api-service to migrate the database schema: {}", lastProblem);
			sleep();
		}
	}

	private void sleep() {
		try {
			Thread.sleep(this.pollInterval.toMillis());
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException("interrupted while waiting for the database schema", ex);
		}
	}

}
