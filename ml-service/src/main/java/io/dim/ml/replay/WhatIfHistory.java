package io.dim.ml.replay;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowCallbackHandler;

/**
 * The live catalogue's recent history as a trace: every object of file_meta, stored from
 * the start (so objects nobody read still cost their storage), and the access_bucket
 * counts of the last {@code days} (up to the newest bucket) spread evenly over their
 * buckets. Every access moves the whole object (the history keeps counts, not bytes).
 */
final class WhatIfHistory {

	/** Most events a what-if over the live history replays. */
	static final long MAX_EVENTS = 2_000_000;

	private WhatIfHistory() {
	}

	record Bucket(String key, long start, long reads, long writes) {

	}

	static Trace read(JdbcTemplate jdbc, int days) {
		Long newest = jdbc.queryForObject("SELECT MAX(bucket_start) FROM access_bucket", Long.class);
		if (newest == null) {
			throw new IllegalArgumentException("no access history yet: simulate or serve some accesses first");
		}
		long from = newest - days * 86_400_000L;
		Map<String, Long> sizes = new HashMap<>();
		jdbc.query("SELECT object_key, size_bytes FROM file_meta",
				(RowCallbackHandler) (row) -> sizes.put(row.getString(1), row.getLong(2)));
		List<Bucket> buckets = new ArrayList<>();
		TreeSet<Long> starts = new TreeSet<>();
		long[] total = new long[1];
		jdbc.query("SELECT object_key, bucket_start, reads, writes FROM access_bucket WHERE bucket_start >= ? "
				+ "ORDER BY bucket_start, object_key", (RowCallbackHandler) (row) -> {
					String key = row.getString(1);
					if (sizes.containsKey(key)) {
						Bucket bucket = new Bucket(key, row.getLong(2), row.getLong(3), row.getLong(4));
						buckets.add(bucket);
						starts.add(bucket.start());
						total[0] += bucket.reads() + bucket.writes();
					}
				}, from);
		if (total[0] == 0) {
			throw new IllegalArgumentException("days: no accesses to catalogued objects in the last " + days + " days");
		}
		if (total[0] > MAX_EVENTS) {
			throw new IllegalArgumentException("days: the last " + days + " days hold " + total[0]
					+ " accesses, more than " + MAX_EVENTS + ": ask for fewer days");
		}
		long width = bucketWidth(starts);
		List<long[]> events = new ArrayList<>();
		List<String> keys = new ArrayList<>();
		Map<String, Integer> index = new HashMap<>();
		for (Bucket bucket : buckets) {
			int object = index.computeIfAbsent(bucket.key(), (k) -> {
				keys.add(k);
				return keys.size() - 1;
			});
			long count = bucket.reads() + bucket.writes();
			for (long i = 0; i < count; i++) {
				long time = bucket.start() + (long) ((i + 0.5) * width / count);
				events.add(new long[] { time, object, (i < bucket.writes()) ? 1 : 0 });
			}
		}
		events.sort((a, b) -> Long.compare(a[0], b[0]));
		Trace.Builder trace = new Trace.Builder();
		// Every catalogued object is stored through the whole period, accessed or not.
		new java.util.TreeMap<>(sizes).forEach(trace::declare);
		for (long[] event : events) {
			String key = keys.get((int) event[1]);
			trace.add(event[0], key, event[2] == 1, -1, sizes.get(key));
		}
		return trace.build();
	}

	/** The bucket width: the smallest gap between bucket starts, at most an hour. */
	private static long bucketWidth(TreeSet<Long> starts) {
		long width = 3_600_000L;
		Long previous = null;
		for (long start : starts) {
			if (previous != null && start - previous > 0) {
				width = Math.min(width, start - previous);
			}
			previous = start;
		}
		return Math.max(1000, width);
	}

}
