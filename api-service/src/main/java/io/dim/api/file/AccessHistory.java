package io.dim.api.file;

import java.time.Instant;
import java.util.List;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

import io.dim.api.web.BadParameterException;

/** An object's recent access history: its latest access_bucket rows, oldest first. */
@Component
class AccessHistory {

	static final int MAX_BUCKETS = 1000;

	private final JdbcTemplate jdbc;

	private final FileQueries files;

	AccessHistory(JdbcTemplate jdbc, FileQueries files) {
		this.jdbc = jdbc;
		this.files = files;
	}

	/**
	 * One history bucket.
	 *
	 * @param start when the bucket starts
	 * @param reads reads in it
	 * @param writes writes in it
	 */
	record Bucket(Instant start, long reads, long writes) {

	}

	List<Bucket> latest(String key, int buckets) {
		if (buckets < 1 || buckets > MAX_BUCKETS) {
			throw new BadParameterException("buckets", "must be 1 to " + MAX_BUCKETS + " (got " + buckets + ")");
		}
		this.files.detail(key);
		List<Bucket> newestFirst = this.jdbc.query(
				"SELECT bucket_start, reads, writes FROM access_bucket WHERE object_key = ? "
						+ "ORDER BY bucket_start DESC LIMIT ?",
				(row, i) -> new Bucket(Instant.ofEpochMilli(row.getLong(1)), row.getLong(2), row.getLong(3)), key,
				buckets);
		return newestFirst.reversed();
	}

}
