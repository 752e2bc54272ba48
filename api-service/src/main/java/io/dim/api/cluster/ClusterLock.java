package io.dim.api.cluster;

import java.lang.management.ManagementFactory;
import java.time.Clock;
import java.time.Duration;
import java.util.UUID;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * Locks in the database ({@code cluster_lock}) for periodic work that must run once per
 * cluster when several api-service instances share it: the alert evaluation (two would
 * open and resolve the same alerts), repair scans (two would plan the same repairs) and
 * scrubbing (two would read the same replicas). A round runs only in the instance that
 * holds its lock; the holder renews it each round, and an instance that stops gives its
 * locks back (or, killed, loses them when their time is up). Requests made by hand
 * ({@code POST /alerts/evaluate}, {@code POST /scrub}) run wherever they arrive.
 */
@Component
public class ClusterLock implements DisposableBean {

	private static final Logger log = LoggerFactory.getLogger(ClusterLock.class);

	private final JdbcTemplate jdbc;

	private final String owner;

	private final Clock clock;

	@Autowired
	ClusterLock(JdbcTemplate jdbc) {
		this(jdbc, ManagementFactory.getRuntimeMXBean().getName() + "/" + UUID.randomUUID().toString().substring(0, 8),
				Clock.systemUTC());
	}

	/** A lock holder named {@code owner}, on {@code clock} (tests name and time it). */
	public ClusterLock(JdbcTemplate jdbc, String owner, Clock clock) {
		this.jdbc = jdbc;
		this.owner = owner;
		this.clock = clock;
	}

	/**
	 * Whether this instance holds {@code name} for the next {@code holdFor}: it renews a
	 * lock it holds, takes one that is free or expired, and is refused one another
	 * instance holds.
	 */
	public boolean hold(String name, Duration holdFor) {
		long now = this.clock.millis();
		long until = now + holdFor.toMillis();
		if (this.jdbc.update("UPDATE cluster_lock SET locked_until = ?, locked_by = ? WHERE lock_name = ? "
				+ "AND (locked_by = ? OR locked_until < ?)", until, this.owner, name, this.owner, now) == 1) {
			return true;
		}
		// No row yet, or another instance holds it (then nothing is inserted).
		boolean taken = this.jdbc.update("INSERT INTO cluster_lock (lock_name, locked_until, locked_by) "
				+ "VALUES (?, ?, ?) ON CONFLICT (lock_name) DO NOTHING", name, until, this.owner) == 1;
		if (taken) {
			log.info("This instance ({}) now runs '{}' for the cluster", this.owner, name);
		}
		return taken;
	}

	/** Gives back every lock this instance holds, so another can take over at once. */
	@Override
	public void destroy() {
		try {
			this.jdbc.update("DELETE FROM cluster_lock WHERE locked_by = ?", this.owner);
		}
		catch (RuntimeException ex) {
			log.debug("could not give back the cluster locks: {}", ex.toString());
		}
	}

}
