package io.dim.api.support;

import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Migration jobs written straight into the database, as the optimizer would write them.
 */
public final class TestJobs {

	private TestJobs() {
	}

	/**
	 * A job for {@code key} in {@code jobState} with target placement {@code targets}
	 * (comma-separated) and one PENDING task of {@code kind} (COPY or DELETE), due now;
	 * returns the job's id.
	 */
	public static long insert(JdbcTemplate jdbc, String key, String jobState, String targets, String kind,
			String source, String target) {
		long now = System.currentTimeMillis();
		long id = jdbc
			.queryForObject(
					"INSERT INTO migration_job (object_key, state, reason, target_endpoints, created_at, updated_at) "
							+ "VALUES (?, ?, 'test', ?, ?, ?) RETURNING id",
					Long.class, key, jobState, targets, now, now);
		jdbc.update("INSERT INTO migration_task (job_id, kind, object_key, source_endpoint, target_endpoint, state, "
				+ "attempts, next_attempt_at, created_at, updated_at) VALUES (?, ?, ?, ?, ?, 'PENDING', 0, ?, ?, ?)",
				id, kind, key, source, target, now, now, now);
		return id;
	}

}
