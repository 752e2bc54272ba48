package io.dim.api.optimize;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

import io.dim.api.cluster.ClusterLock;

/**
 * Objects whose tier changed (dim.heat), gathered and re-optimized together every
 * {@code dim.placement.reoptimize-delay}: a burst of changes to one object costs one
 * evaluation, not one per event. They wait in table {@code reoptimize_queue}, so an
 * instance that stops or dies before its round loses none, and one instance at a time
 * (the holder of the {@code reoptimize} cluster lock) re-optimizes them all.
 */
@Component
public class ReoptimizeQueue {

	/** Most objects one round re-optimizes; the rest wait for the next. */
	static final int ROUND = 10_000;

	private static final Logger log = LoggerFactory.getLogger(ReoptimizeQueue.class);

	private final Optimizer optimizer;

	private final JdbcTemplate jdbc;

	private final ClusterLock cluster;

	private final Duration holdFor;

	ReoptimizeQueue(Optimizer optimizer, JdbcTemplate jdbc, ClusterLock cluster,
			@Value("${dim.placement.reoptimize-delay:5s}") Duration delay) {
		this.optimizer = optimizer;
		this.jdbc = jdbc;
		this.cluster = cluster;
		this.holdFor = delay.multipliedBy(3);
	}

	public void add(String key) {
		this.jdbc.update(
				"INSERT INTO reoptimize_queue (object_key, added_at) VALUES (?, ?) "
						+ "ON CONFLICT (object_key) DO UPDATE SET added_at = excluded.added_at",
				key, System.currentTimeMillis());
	}

	/**
	 * Re-optimizes the objects gathered so far (at most {@link #ROUND}), in the instance
	 * holding the lock; returns how many (0 in the others).
	 */
	@Scheduled(fixedDelayString = "${dim.placement.reoptimize-delay:5s}",
			initialDelayString = "${dim.placement.reoptimize-delay:5s}")
	public int drain() {
		try {
			// Read first: an idle round writes nothing (taking the lock is a write, and
			// SQLite has one writer).
			if (this.jdbc.queryForList("SELECT object_key FROM reoptimize_queue LIMIT 1", String.class).isEmpty()
					|| !this.cluster.hold("reoptimize", this.holdFor)) {
				return 0;
			}
			List<Waiting> waiting = this.jdbc.query(
					"SELECT object_key, added_at FROM reoptimize_queue ORDER BY added_at LIMIT " + ROUND,
					(row, i) -> new Waiting(row.getString(1), row.getLong(2)));
			if (waiting.isEmpty()) {
				return 0;
			}
			List<String> keys = waiting.stream().map(Waiting::key).toList();
			OptimizeReport report = this.optimizer.optimizeSome(keys, OptimizeProgress.NONE);
			// A change that came meanwhile (later added_at) waits for the next round.
			List<Object[]> done = new ArrayList<>();
			for (Waiting object : waiting) {
				done.add(new Object[] { object.key(), object.addedAt() });
			}
			this.jdbc.batchUpdate("DELETE FROM reoptimize_queue WHERE object_key = ? AND added_at <= ?", done);
			log.info("Re-optimized {} object(s) whose tier changed: {} to move, {} degraded", report.evaluated(),
					report.changed(), report.degraded());
			return keys.size();
		}
		catch (RuntimeException ex) {
			// They stay in the table: a passing problem delays them, drops none.
			log.warn("Re-optimizing the objects whose tier changed failed, will retry: {}", ex.toString());
			return 0;
		}
	}

	private record Waiting(String key, long addedAt) {

	}

}
