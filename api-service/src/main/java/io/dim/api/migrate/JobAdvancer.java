package io.dim.api.migrate;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

import io.dim.model.db.WriteTransactions;

/**
 * Moves jobs forward between ticks. A job whose COPY tasks are all done gets its DELETE
 * tasks only when every target replica is VALID (verified by SHA-256) and no endpoint is
 * failed or down ({@link DeleteGuard}); a job with a FAILED task fails; a job with
 * everything done is DONE. Rule 1 of the migration safety rules lives here: no delete is
 * planned before the targets are verified, and a delete never touches a target.
 */
@Component
class JobAdvancer {

	private final JdbcTemplate jdbc;

	private final WriteTransactions transactions;

	private final DeleteGuard deletes;

	JobAdvancer(JdbcTemplate jdbc, WriteTransactions transactions, DeleteGuard deletes) {
		this.jdbc = jdbc;
		this.transactions = transactions;
		this.deletes = deletes;
	}

	/** One pass over the active jobs; returns what changed. */
	Advance advance(long now) {
		// Asked once per pass, outside the transaction: probing an endpoint that is down
		// can take its timeout.
		boolean deletesWait = this.deletes.whyWait().isPresent();
		return this.transactions.execute(() -> {
			int failed = this.jdbc.update("""
					UPDATE migration_job SET state = 'FAILED', updated_at = ?, finished_at = ?
					WHERE state IN ('PENDING', 'RUNNING') AND EXISTS
					  (SELECT 1 FROM migration_task t WHERE t.job_id = migration_job.id AND t.state = 'FAILED')""", now,
					now);
			List<Map<String, Object>> copied = this.jdbc.queryForList("""
					SELECT j.id, j.object_key, j.target_endpoints FROM migration_job j
					WHERE j.state IN ('PENDING', 'RUNNING')
					  AND NOT EXISTS (SELECT 1 FROM migration_task t WHERE t.job_id = j.id AND t.state <> 'DONE')
					ORDER BY j.id LIMIT 500""");
			int done = 0;
			int deletesPlanned = 0;
			int waiting = 0;
			for (Map<String, Object> job : copied) {
				long id = ((Number) job.get("id")).longValue();
				String key = (String) job.get("object_key");
				boolean hasDeletes = this.jdbc.queryForObject(
						"SELECT COUNT(*) FROM migration_task WHERE job_id = ? AND kind = 'DELETE'", Integer.class,
						id) > 0;
				if (hasDeletes) {
					finish(id, now, "DONE", null);
					done++;
					continue;
				}
				Set<String> targets = targets((String) job.get("target_endpoints"));
				if (targets.isEmpty()) {
					// Never read "no targets" as "delete every replica".
					finish(id, now, "FAILED", "the job names no target placement");
					failed++;
					continue;
				}
				Set<String> valid = new TreeSet<>(this.jdbc.queryForList(
						"SELECT endpoint FROM replica WHERE object_key = ? AND state = 'VALID'", String.class, key));
				if (!valid.containsAll(targets)) {
					finish(id, now, "FAILED",
							"a target replica is not verified: targets " + targets + ", verified " + valid);
					failed++;
					continue;
				}
				List<String> surplus = new ArrayList<>(valid);
				surplus.removeAll(targets);
				if (surplus.isEmpty()) {
					finish(id, now, "DONE", null);
					done++;
				}
				else if (deletesWait) {
					waiting++;
				}
				else {
					for (String endpoint : surplus) {
						this.jdbc.update("""
								INSERT INTO migration_task (job_id, kind, object_key, source_endpoint, target_endpoint,
								  state, attempts, next_attempt_at, created_at, updated_at)
								VALUES (?, 'DELETE', ?, NULL, ?, 'PENDING', 0, ?, ?, ?)""", id, key, endpoint, now, now,
								now);
						deletesPlanned++;
					}
				}
			}
			return new Advance(done, failed, deletesPlanned, waiting);
		});
	}

	private void finish(long id, long now, String state, String reason) {
		if (reason == null) {
			this.jdbc.update("UPDATE migration_job SET state = ?, updated_at = ?, finished_at = ? WHERE id = ?", state,
					now, now, id);
		}
		else {
			this.jdbc.update(
					"UPDATE migration_job SET state = ?, reason = ?, updated_at = ?, finished_at = ? WHERE id = ?",
					state, reason, now, now, id);
		}
	}

	private static Set<String> targets(String joined) {
		Set<String> targets = new TreeSet<>();
		if (joined != null && !joined.isBlank()) {
			targets.addAll(Arrays.asList(joined.split(",")));
		}
		return targets;
	}

	/**
	 * @param jobsDone jobs finished
	 * @param jobsFailed jobs failed
	 * @param deletesPlanned DELETE tasks created
	 * @param deletesWaiting jobs whose deletes wait for failed or down endpoints to
	 * recover
	 */
	record Advance(int jobsDone, int jobsFailed, int deletesPlanned, int deletesWaiting) {

	}

}
