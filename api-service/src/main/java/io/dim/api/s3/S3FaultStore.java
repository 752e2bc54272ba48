package io.dim.api.s3;

import java.time.Instant;
import java.util.Map;
import java.util.TreeMap;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * The chaos faults in table {@code chaos_fault}, shared by every api-service instance.
 * Each change is one statement that sets only its own column, so two instances changing
 * different faults of one endpoint at the same time keep both; a row with no fault left
 * is removed.
 */
@Component
public class S3FaultStore {

	private static final String UPSERT = "INSERT INTO chaos_fault (endpoint, failed_since, latency_ms, flaky_rate) "
			+ "VALUES (?, ?, ?, ?) ON CONFLICT (endpoint) DO UPDATE SET ";

	private final JdbcTemplate jdbc;

	public S3FaultStore(JdbcTemplate jdbc) {
		this.jdbc = jdbc;
	}

	/** Fails the endpoint from {@code now}, or keeps the time it was failed first. */
	void fail(String endpoint, Instant now) {
		this.jdbc.update(UPSERT + "failed_since = COALESCE(chaos_fault.failed_since, excluded.failed_since)", endpoint,
				now.toEpochMilli(), 0L, 0.0);
	}

	void recover(String endpoint) {
		this.jdbc.update("UPDATE chaos_fault SET failed_since = NULL WHERE endpoint = ?", endpoint);
		removeIfNone(endpoint);
	}

	void latency(String endpoint, long ms) {
		this.jdbc.update(UPSERT + "latency_ms = excluded.latency_ms", endpoint, null, ms, 0.0);
		removeIfNone(endpoint);
	}

	void flaky(String endpoint, double rate) {
		this.jdbc.update(UPSERT + "flaky_rate = excluded.flaky_rate", endpoint, null, 0L, rate);
		removeIfNone(endpoint);
	}

	void clear() {
		this.jdbc.update("DELETE FROM chaos_fault");
	}

	/** Every endpoint with a fault, by name. */
	Map<String, S3Faults.Fault> all() {
		Map<String, S3Faults.Fault> all = new TreeMap<>();
		this.jdbc.query("SELECT endpoint, failed_since, latency_ms, flaky_rate FROM chaos_fault", (row) -> {
			long failedSince = row.getLong("failed_since");
			Instant since = row.wasNull() ? null : Instant.ofEpochMilli(failedSince);
			all.put(row.getString("endpoint"),
					new S3Faults.Fault(since, row.getLong("latency_ms"), row.getDouble("flaky_rate")));
		});
		return all;
	}

	private void removeIfNone(String endpoint) {
		this.jdbc.update("DELETE FROM chaos_fault WHERE endpoint = ? AND failed_since IS NULL AND latency_ms = 0 "
				+ "AND flaky_rate = 0", endpoint);
	}

}
