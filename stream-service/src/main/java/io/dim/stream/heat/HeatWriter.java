package io.dim.stream.heat;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

import org.apache.kafka.common.TopicPartition;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

import io.dim.model.db.WriteTransactions;
import io.dim.model.heat.ForwardDecay;
import io.dim.model.heat.HeatBands;
import io.dim.model.heat.Tier;
import io.dim.model.stream.HeatChanged;

/**
 * Writes one batch — heat, history and partition offsets — in ONE transaction, so that
 * after a crash the stored offsets say exactly which events the stored counts include.
 * All statements are additive upserts ({@code INSERT ... ON CONFLICT DO UPDATE}), which
 * SQLite and PostgreSQL both understand.
 */
@Component
class HeatWriter {

	private static final String UPSERT_HEAT = """
			INSERT INTO file_heat (object_key, heat, last_access_at, reads_total, writes_total, bytes_total,
			                       heat_score, heat_at, tier)
			VALUES (?, ?, ?, ?, ?, ?, ?, ?, 'cold')
			ON CONFLICT (object_key) DO UPDATE SET
			  heat_score = file_heat.heat_score + excluded.heat_score,
			  heat = (file_heat.heat_score + excluded.heat_score) * ?,
			  heat_at = excluded.heat_at,
			  reads_total = file_heat.reads_total + excluded.reads_total,
			  writes_total = file_heat.writes_total + excluded.writes_total,
			  bytes_total = file_heat.bytes_total + excluded.bytes_total,
			  last_access_at = CASE WHEN file_heat.last_access_at IS NULL
			                          OR excluded.last_access_at > file_heat.last_access_at
			                        THEN excluded.last_access_at ELSE file_heat.last_access_at END""";

	private static final String UPSERT_BUCKET = """
			INSERT INTO access_bucket (object_key, bucket_start, reads, writes, bytes) VALUES (?, ?, ?, ?, ?)
			ON CONFLICT (object_key, bucket_start) DO UPDATE SET
			  reads = access_bucket.reads + excluded.reads,
			  writes = access_bucket.writes + excluded.writes,
			  bytes = access_bucket.bytes + excluded.bytes""";

	private static final String UPSERT_OFFSET = """
			INSERT INTO consumer_offset (topic, partition_id, next_offset) VALUES (?, ?, ?)
			ON CONFLICT (topic, partition_id) DO UPDATE SET next_offset = excluded.next_offset""";

	private static final int IN_CHUNK = 500;

	private final JdbcTemplate jdbc;

	private final WriteTransactions transactions;

	private final HeatLandmark landmark;

	private final HeatBands bands;

	HeatWriter(JdbcTemplate jdbc, WriteTransactions transactions, HeatLandmark landmark, HeatBands bands) {
		this.jdbc = jdbc;
		this.transactions = transactions;
		this.landmark = landmark;
		this.bands = bands;
	}

	/**
	 * Applies a batch built by {@code aggregate} (given the landmark read in this same
	 * transaction) and returns the tier changes it caused.
	 */
	List<HeatChanged> write(Function<ForwardDecay, BatchAggregate> aggregate, Instant now) {
		return this.transactions.execute(() -> {
			ForwardDecay decay = this.landmark.readShared(now);
			BatchAggregate batch = aggregate.apply(decay);
			double factor = decay.factor(now);
			List<Object[]> heatRows = new ArrayList<>();
			batch.byKey.forEach((key,
					totals) -> heatRows.add(new Object[] { key, totals.score * factor, totals.lastAccess.toEpochMilli(),
							totals.counts.reads, totals.counts.writes, totals.counts.bytes, totals.score,
							now.toEpochMilli(), factor }));
			this.jdbc.batchUpdate(UPSERT_HEAT, heatRows);
			List<Object[]> bucketRows = new ArrayList<>();
			batch.byBucket.forEach((bucket, counts) -> bucketRows
				.add(new Object[] { bucket.key(), bucket.bucketStart(), counts.reads, counts.writes, counts.bytes }));
			this.jdbc.batchUpdate(UPSERT_BUCKET, bucketRows);
			List<Object[]> offsetRows = new ArrayList<>();
			for (Map.Entry<TopicPartition, Long> entry : batch.nextOffsets.entrySet()) {
				offsetRows.add(new Object[] { entry.getKey().topic(), entry.getKey().partition(), entry.getValue() });
			}
			this.jdbc.batchUpdate(UPSERT_OFFSET, offsetRows);
			return updateTiers(batch.byKey.keySet(), now);
		});
	}

	/**
	 * Moves each object's tier by the bands (with hysteresis); returns the changes. Call
	 * in a transaction.
	 */
	List<HeatChanged> updateTiers(Set<String> keys, Instant now) {
		List<HeatChanged> changes = new ArrayList<>();
		List<String> all = new ArrayList<>(keys);
		for (int from = 0; from < all.size(); from += IN_CHUNK) {
			List<String> chunk = all.subList(from, Math.min(all.size(), from + IN_CHUNK));
			this.jdbc.query("SELECT object_key, heat, tier FROM file_heat WHERE object_key IN ("
					+ placeholders(chunk.size()) + ")", (row) -> {
						Tier current = Tier.parse(row.getString(3)).orElse(Tier.COLD);
						double heat = row.getDouble(2);
						Tier next = this.bands.next(current, heat);
						if (next != current) {
							changes.add(new HeatChanged(row.getString(1), current.label(), next.label(), heat, now));
						}
					}, chunk.toArray());
		}
		this.jdbc.batchUpdate("UPDATE file_heat SET tier = ? WHERE object_key = ?",
				changes.stream().map((c) -> new Object[] { c.to(), c.key() }).toList());
		return changes;
	}

	/** The stored next offset of each partition of a topic. */
	Map<Integer, Long> storedOffsets(String topic) {
		Map<Integer, Long> offsets = new java.util.HashMap<>();
		this.jdbc.query("SELECT partition_id, next_offset FROM consumer_offset WHERE topic = ?", (row) -> {
			offsets.put(row.getInt(1), row.getLong(2));
		}, topic);
		return offsets;
	}

	private static String placeholders(int count) {
		return String.join(",", java.util.Collections.nCopies(count, "?"));
	}

}
