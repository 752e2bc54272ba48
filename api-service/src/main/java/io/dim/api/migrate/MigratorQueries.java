package io.dim.api.migrate;

import java.time.Duration;
import java.util.List;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.MultiGauge;
import io.micrometer.core.instrument.Tags;

/**
 * Reads the queue for {@code /migrator/status} and the {@code dim_migration_tasks} gauge.
 */
@Component
class MigratorQueries {

	/** The window of the status's recent copies and throughput. */
	static final Duration RECENT = Duration.ofMinutes(5);

	private final JdbcTemplate jdbc;

	private final TaskStore store;

	private final DeleteGuard deletes;

	private final MultiGauge tasks;

	MigratorQueries(JdbcTemplate jdbc, TaskStore store, DeleteGuard deletes, MeterRegistry registry) {
		this.jdbc = jdbc;
		this.store = store;
		this.deletes = deletes;
		this.tasks = MultiGauge.builder("dim_migration_tasks")
			.description("Migration tasks by state")
			.register(registry);
	}

	MigratorStatus status() {
		var byState = this.store.tasksByState();
		refreshGauge(byState);
		long now = this.store.now();
		Long oldest = this.jdbc.queryForObject(
				"SELECT MIN(created_at) FROM migration_task WHERE state IN ('PENDING', 'RETRY')", Long.class);
		Long waitingForRead = this.jdbc.queryForObject("SELECT COUNT(*) FROM migration_task "
				+ "WHERE kind = 'COPY' AND state = 'PENDING' AND read_wait_until > ?", Long.class, now);
		long[] recent = this.store.copiedSince(now - RECENT.toMillis());
		java.util.Optional<String> wait = this.deletes.whyWait();
		List<MigratorStatus.JobView> jobs = this.jdbc.query("""
				SELECT id, object_key, state, target_endpoints, reason, created_at, updated_at
				FROM migration_job ORDER BY id DESC LIMIT 20""",
				(row, i) -> new MigratorStatus.JobView(row.getLong(1), row.getString(2), row.getString(3),
						row.getString(4), row.getString(5), row.getLong(6), row.getLong(7),
						tasksOf(row.getLong(1), now)));
		List<MigratorStatus.FailedTask> failed = this.jdbc.query("""
				SELECT id, job_id, kind, object_key, target_endpoint, attempts, last_error
				FROM migration_task WHERE state = 'FAILED' ORDER BY updated_at DESC, id DESC LIMIT 50""",
				(row, i) -> new MigratorStatus.FailedTask(row.getLong(1), row.getLong(2), row.getString(3),
						row.getString(4), row.getString(5), row.getInt(6), row.getString(7)));
		return new MigratorStatus(byState, (oldest == null) ? 0 : Math.max(0, now - oldest) / 1000.0,
				(waitingForRead == null) ? 0 : waitingForRead, recent[0], recent[1],
				recent[1] / (double) RECENT.toSeconds(), wait.isPresent(), wait.orElse(null), jobs, failed);
	}

	/** Tasks not yet done or failed: what drain waits for. */
	long open() {
		Long open = this.jdbc.queryForObject(
				"SELECT COUNT(*) FROM migration_task WHERE state IN ('PENDING', 'RUNNING', 'RETRY')", Long.class);
		Long jobs = this.jdbc.queryForObject("""
				SELECT COUNT(*) FROM migration_job j WHERE j.state IN ('PENDING', 'RUNNING')
				  AND NOT EXISTS (SELECT 1 FROM migration_task t WHERE t.job_id = j.id
				    AND t.state IN ('PENDING', 'RUNNING', 'RETRY'))""", Long.class);
		return open + (this.deletes.whyWait().isPresent() ? 0 : jobs);
	}

	void refreshGauge() {
		refreshGauge(this.store.tasksByState());
	}

	void refreshGauge(java.util.Map<String, Long> byState) {
		this.tasks.register(byState.entrySet()
			.stream()
			.map((e) -> MultiGauge.Row.of(Tags.of("state", e.getKey()), e.getValue()))
			.map((row) -> (MultiGauge.Row<?>) row)
			.toList(), true);
	}

	private List<String> tasksOf(long jobId, long now) {
		return this.jdbc.queryForList("SELECT kind || ' ' || target_endpoint || ' ' || state || CASE WHEN "
				+ "state = 'PENDING' AND read_wait_until > ? THEN ' (waiting for a read)' ELSE '' END "
				+ "FROM migration_task WHERE job_id = ? ORDER BY id", String.class, now, jobId);
	}

}
