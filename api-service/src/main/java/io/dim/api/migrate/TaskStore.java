package io.dim.api.migrate;

import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

import io.dim.model.db.WriteTransactions;
import io.dim.model.migration.TaskKind;

/**
 * The migration queue in the database: claiming tasks under a lease, recording their
 * outcome, and the replica rows a task changes. Every update of a claimed task checks the
 * lease owner, so a worker whose lease expired cannot overwrite its successor.
 */
@Component
class TaskStore {

	private static final String DUE = "((state IN ('PENDING', 'RETRY') AND next_attempt_at <= ?) "
			+ "OR (state = 'RUNNING' AND lease_until < ?))";

	/** Due, and not waiting for a read to carry it (dim.migrator.copy-on-read-wait). */
	private static final String DUE_NOT_WAITING = "(" + DUE + " AND (read_wait_until IS NULL OR read_wait_until <= ?))";

	private final JdbcTemplate jdbc;

	private final WriteTransactions transactions;

	private final Clock clock = Clock.systemUTC();

	TaskStore(JdbcTemplate jdbc, WriteTransactions transactions) {
		this.jdbc = jdbc;
		this.transactions = transactions;
	}

	long now() {
		return this.clock.millis();
	}

	/**
	 * Claims up to {@code limit} due tasks (or tasks whose lease expired).
	 * @param waitForReads leave copies waiting for a read to carry them until their wait
	 * ends (the background migrator); false: claim them too (a tick asked for)
	 */
	List<ClaimedTask> claim(String owner, int limit, long leaseMillis, boolean waitForReads) {
		return this.transactions.execute(() -> {
			long now = now();
			List<Long> ids = waitForReads
					? this.jdbc.queryForList("SELECT id FROM migration_task WHERE " + DUE_NOT_WAITING
							+ " ORDER BY next_attempt_at, id LIMIT ?", Long.class, now, now, now, limit)
					: this.jdbc.queryForList(
							"SELECT id FROM migration_task WHERE " + DUE + " ORDER BY next_attempt_at, id LIMIT ?",
							Long.class, now, now, limit);
			List<ClaimedTask> claimed = new ArrayList<>();
			for (long id : ids) {
				int updated = this.jdbc.update(
						"UPDATE migration_task SET state = 'RUNNING', lease_owner = ?, "
								+ "lease_until = ?, attempts = attempts + 1, updated_at = ? WHERE id = ? AND " + DUE,
						owner, now + leaseMillis, now, id, now, now);
				if (updated == 1) {
					claimed.add(claimed(id, now));
				}
			}
			return claimed;
		});
	}

	/**
	 * Claims, for a read of {@code key} served from {@code serving}, a PENDING copy of it
	 * to another endpoint (not a {@code failed} one), whether or not it waits for a read:
	 * the read carries it.
	 */
	java.util.Optional<ClaimedTask> claimForRead(String key, String serving,
			java.util.function.Predicate<String> failed, String owner, long leaseMillis) {
		// Looked up outside a write transaction: most reads find nothing to carry, and on
		// SQLite a write transaction would queue every read behind the single writer.
		List<Map<String, Object>> pending = this.jdbc.queryForList("SELECT id, target_endpoint FROM migration_task "
				+ "WHERE object_key = ? AND kind = 'COPY' AND state = 'PENDING' ORDER BY id", key);
		for (Map<String, Object> row : pending) {
			long id = ((Number) row.get("id")).longValue();
			String target = (String) row.get("target_endpoint");
			if (target.equals(serving) || failed.test(target)) {
				continue;
			}
			java.util.Optional<ClaimedTask> claimed = this.transactions.execute(() -> {
				long now = now();
				int updated = this.jdbc.update("UPDATE migration_task SET state = 'RUNNING', lease_owner = ?, "
						+ "lease_until = ?, attempts = attempts + 1, updated_at = ? WHERE id = ? AND state = 'PENDING'",
						owner, now + leaseMillis, now, id);
				return (updated == 1) ? java.util.Optional.of(claimed(id, now))
						: java.util.Optional.<ClaimedTask>empty();
			});
			if (claimed.isPresent()) {
				return claimed;
			}
		}
		return java.util.Optional.empty();
	}

	/** The claimed task with its object's size and SHA-256; its job is RUNNING now. */
	private ClaimedTask claimed(long id, long now) {
		ClaimedTask task = this.jdbc.queryForObject(
				"SELECT t.id, t.job_id, t.kind, t.object_key, t.source_endpoint, t.target_endpoint, "
						+ "t.attempts, f.size_bytes, f.sha256 FROM migration_task t "
						+ "LEFT JOIN file_meta f ON f.object_key = t.object_key WHERE t.id = ?",
				(row, i) -> new ClaimedTask(row.getLong(1), row.getLong(2), TaskKind.valueOf(row.getString(3)),
						row.getString(4), row.getString(5), row.getString(6), row.getInt(7),
						(row.getString(9) != null) ? row.getLong(8) : -1, row.getString(9)),
				id);
		this.jdbc.update("UPDATE migration_job SET state = 'RUNNING', updated_at = ? "
				+ "WHERE id = (SELECT job_id FROM migration_task WHERE id = ?) AND state = 'PENDING'", now, id);
		return task;
	}

	/** Keeps a running task's lease alive; false when the lease is no longer ours. */
	boolean extendLease(ClaimedTask task, String owner, long leaseMillis) {
		return this.transactions.execute(() -> this.jdbc.update(
				"UPDATE migration_task SET lease_until = ? WHERE id = ? AND lease_owner = ? AND state = 'RUNNING'",
				now() + leaseMillis, task.id(), owner) == 1);
	}

	void done(ClaimedTask task, String owner) {
		this.transactions.run(() -> this.jdbc.update(
				"UPDATE migration_task SET state = 'DONE', lease_owner = NULL, lease_until = NULL, last_error = NULL, "
						+ "updated_at = ? WHERE id = ? AND lease_owner = ?",
				now(), task.id(), owner));
	}

	/**
	 * Back in the queue after {@code delayMillis}, as RETRY (or FAILED when out of
	 * attempts).
	 */
	void retryOrFail(ClaimedTask task, String owner, String error, boolean failed, long delayMillis) {
		long now = now();
		this.transactions.run(() -> this.jdbc.update(
				"UPDATE migration_task SET state = ?, next_attempt_at = ?, last_error = ?, lease_owner = NULL, "
						+ "lease_until = NULL, updated_at = ? WHERE id = ? AND lease_owner = ?",
				failed ? "FAILED" : "RETRY", now + delayMillis, truncate(error), now, task.id(), owner));
	}

	/** Puts a task back without spending an attempt (it had to wait, it did not fail). */
	void postpone(ClaimedTask task, String owner, String why, long delayMillis) {
		long now = now();
		this.transactions
			.run(() -> this.jdbc.update(
					"UPDATE migration_task SET state = 'PENDING', attempts = attempts - 1, next_attempt_at = ?, "
							+ "last_error = ?, lease_owner = NULL, lease_until = NULL, updated_at = ? "
							+ "WHERE id = ? AND lease_owner = ?",
					now + delayMillis, truncate(why), now, task.id(), owner));
	}

	/**
	 * A copy a read could not carry goes back to the queue unspent, and its PENDING
	 * replica row goes, in one transaction, only while the task is still this owner's: a
	 * worker that took over the task after a lost lease keeps its row.
	 */
	void carryAbandoned(ClaimedTask task, String owner, String why) {
		long now = now();
		this.transactions.run(() -> {
			int ours = this.jdbc
				.update("UPDATE migration_task SET state = 'PENDING', attempts = attempts - 1, next_attempt_at = ?, "
						+ "last_error = ?, lease_owner = NULL, lease_until = NULL, updated_at = ? "
						+ "WHERE id = ? AND lease_owner = ?", now, truncate(why), now, task.id(), owner);
			if (ours == 1) {
				this.jdbc.update("DELETE FROM replica WHERE object_key = ? AND endpoint = ? AND state = 'PENDING'",
						task.key(), task.target());
			}
		});
	}

	/** Each endpoint holding a replica row of the object, with its state. */
	Map<String, String> replicas(String key) {
		Map<String, String> states = new java.util.TreeMap<>();
		this.jdbc.query("SELECT endpoint, state FROM replica WHERE object_key = ?",
				(org.springframework.jdbc.core.RowCallbackHandler) (row) -> states.put(row.getString(1),
						row.getString(2)),
				key);
		return states;
	}

	/** The endpoints holding a verified replica, from {@link #replicas(String)}. */
	static List<String> valid(Map<String, String> replicas) {
		return replicas.entrySet().stream().filter((e) -> "VALID".equals(e.getValue())).map(Map.Entry::getKey).toList();
	}

	/** Records a copy in progress: a PENDING replica, unless one is there already. */
	void copyStarted(String key, String target) {
		this.transactions.run(() -> this.jdbc
			.update("INSERT INTO replica (object_key, endpoint, state, verified_at) VALUES (?, ?, 'PENDING', NULL) "
					+ "ON CONFLICT (object_key, endpoint) DO NOTHING", key, target));
	}

	/**
	 * The copy of {@code bytes} is verified: the replica counts, and the task is done
	 * with its bytes (for the cluster's throughput), in one transaction.
	 */
	void copyVerified(ClaimedTask task, String owner, long bytes) {
		this.transactions.run(() -> {
			long now = now();
			this.jdbc.update("UPDATE replica SET state = 'VALID', verified_at = ?, found_wrong_at = NULL "
					+ "WHERE object_key = ? AND endpoint = ?", now, task.key(), task.target());
			this.jdbc.update(
					"UPDATE migration_task SET state = 'DONE', lease_owner = NULL, lease_until = NULL, "
							+ "last_error = NULL, copied_bytes = ?, updated_at = ? WHERE id = ? AND lease_owner = ?",
					bytes, now, task.id(), owner);
		});
	}

	/**
	 * {copies, bytes} verified since {@code since} (epoch milliseconds) by every
	 * instance.
	 */
	long[] copiedSince(long since) {
		return this.jdbc.queryForObject(
				"SELECT COUNT(*), COALESCE(SUM(copied_bytes), 0) FROM migration_task WHERE updated_at >= ? "
						+ "AND copied_bytes IS NOT NULL",
				(row, i) -> new long[] { row.getLong(1), row.getLong(2) }, since);
	}

	/** A failed copy leaves no replica row behind (a VALID one is never touched). */
	void copyAbandoned(String key, String target) {
		this.transactions.run(() -> this.jdbc
			.update("DELETE FROM replica WHERE object_key = ? AND endpoint = ? AND state = 'PENDING'", key, target));
	}

	void markDeleting(String key, String endpoint) {
		this.transactions.run(() -> this.jdbc
			.update("UPDATE replica SET state = 'DELETING' WHERE object_key = ? AND endpoint = ?", key, endpoint));
	}

	void deleted(ClaimedTask task, String owner) {
		this.transactions.run(() -> {
			this.jdbc.update("DELETE FROM replica WHERE object_key = ? AND endpoint = ?", task.key(), task.target());
			this.jdbc.update(
					"UPDATE migration_task SET state = 'DONE', lease_owner = NULL, lease_until = NULL, "
							+ "last_error = NULL, updated_at = ? WHERE id = ? AND lease_owner = ?",
					now(), task.id(), owner);
		});
	}

	/** Task counts by state. */
	Map<String, Long> tasksByState() {
		Map<String, Long> counts = new LinkedHashMap<>();
		for (String state : List.of("PENDING", "RUNNING", "RETRY", "DONE", "FAILED")) {
			counts.put(state, 0L);
		}
		this.jdbc.query("SELECT state, COUNT(*) FROM migration_task GROUP BY state",
				(org.springframework.jdbc.core.RowCallbackHandler) (row) -> counts.put(row.getString(1),
						row.getLong(2)));
		return counts;
	}

	int clearFailed() {
		return this.transactions.execute(() -> this.jdbc.update("DELETE FROM migration_task WHERE state = 'FAILED'"));
	}

	private static String truncate(String text) {
		return (text == null || text.length() <= 4000) ? text : text.substring(0, 4000);
	}

}
