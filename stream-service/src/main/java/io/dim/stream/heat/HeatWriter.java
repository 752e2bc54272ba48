package io.dim.stream.heat;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

import org.apache.kafka.common.TopicPartition;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

import io.dim.model.db.DatabaseVendor;
import io.dim.model.db.WriteTransactions;
import io.dim.model.heat.ForwardDecay;
import io.dim.model.heat.HeatBands;
import io.dim.model.heat.Tier;
import io.dim.model.stream.HeatChanged;

/**
 * Writes one batch — heat, history and partition offsets — in ONE transaction, so that
 * after a crash the stored offsets say exactly which events the stored counts include.
 * All statements are additive upserts ({@code INSERT ... ON CONFLICT DO UPDATE}), which
 * SQLite and PostgreSQL both understand. Before them the batch's partitions' offset rows
 * are locked and checked: a batch whose first record in a partition is behind the stored
 * next offset was partly counted by another instance (this one was frozen past the
 * session timeout and lost the partition), and is refused ({@link BatchFencedException}).
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

	private static final String ENSURE_OFFSET = """
			INSERT INTO consumer_offset (topic, partition_id, next_offset) VALUES (?, ?, 0)
			ON CONFLICT (topic, partition_id) DO NOTHING""";

	private static final int IN_CHUNK = 500;

	private final JdbcTemplate jdbc;

	private final WriteTransactions transactions;

	private final HeatLandmark landmark;

	private final HeatBands bands;

	/** Row locks for the offset check: PostgreSQL's; SQLite's writers are serialized. */
	private final String lockRows;

	private final HeatChangePublisher publisher;

	HeatWriter(JdbcTemplate jdbc, WriteTransactions transactions, HeatLandmark landmark, HeatBands bands,
			HeatChangePublisher publisher, org.springframework.core.env.Environment env) {
		this.jdbc = jdbc;
		this.transactions = transactions;
		this.landmark = landmark;
		this.bands = bands;
		this.publisher = publisher;
		this.lockRows = (DatabaseVendor
			.valueOf(env.getProperty("dim.db.vendor", "SQLITE")) == DatabaseVendor.POSTGRESQL) ? " FOR UPDATE" : "";
	}

	/**
	 * Applies a batch built by {@code aggregate} (given the landmark read in this same
	 * transaction) and returns the tier changes it caused.
	 * @throws BatchFencedException when another instance has counted part of the batch
	 * (nothing is written)
	 */
	List<HeatChanged> write(Function<ForwardDecay, BatchAggregate> aggregate, Instant now) {
		return this.transactions.execute(() -> {
			ForwardDecay decay = this.landmark.readShared(now);
			BatchAggregate batch = aggregate.apply(decay);
			checkNotCountedElsewhere(batch);
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
	 * Records the count-once ids of a batch's records ({@code dim-count-once}) and
	 * returns those counted for the first time; the others were counted before (a resend
	 * after a crash, a dead letter replayed twice) and are to be skipped. Call in the
	 * counting transaction, so a batch that is not written leaves no id behind.
	 */
	Set<String> firstCounts(Collection<String> ids, Instant now) {
		Set<String> first = new HashSet<>(ids);
		List<String> all = new ArrayList<>(first);
		for (int from = 0; from < all.size(); from += IN_CHUNK) {
			List<String> chunk = all.subList(from, Math.min(all.size(), from + IN_CHUNK));
			first.removeAll(this.jdbc.queryForList(
					"SELECT id FROM counted_once WHERE id IN (" + placeholders(chunk.size()) + ")", String.class,
					chunk.toArray()));
		}
		this.jdbc.batchUpdate("INSERT INTO counted_once (id, counted_at) VALUES (?, ?) ON CONFLICT (id) DO NOTHING",
				first.stream().map((id) -> new Object[] { id, now.toEpochMilli() }).toList());
		return first;
	}

	/** Forgets the count-once ids counted before {@code before}. */
	int forgetCountedOnceBefore(Instant before) {
		return this.jdbc.update("DELETE FROM counted_once WHERE counted_at < ?", before.toEpochMilli());
	}

	/**
	 * Moves each object's tier by the bands (with hysteresis) and records the changes in
	 * the outbox; returns them, to publish after the commit. Call in a transaction.
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
		if (!changes.isEmpty()) {
			this.publisher.record(changes);
		}
		return changes;
	}

	/**
	 * Locks the batch's partitions' offset rows (created at 0 when missing, so that two
	 * instances' first batches also meet on a row) in partition order, so that two
	 * writers never wait on each other in a cycle, and compares them with the batch's
	 * first offsets.
	 */
	private void checkNotCountedElsewhere(BatchAggregate batch) {
		if (batch.firstOffsets.isEmpty()) {
			return;
		}
		List<TopicPartition> partitions = batch.firstOffsets.keySet()
			.stream()
			.sorted(java.util.Comparator.comparing(TopicPartition::topic).thenComparingInt(TopicPartition::partition))
			.toList();
		this.jdbc.batchUpdate(ENSURE_OFFSET,
				partitions.stream().map((p) -> new Object[] { p.topic(), p.partition() }).toList());
		Map<TopicPartition, Long> stored = new java.util.HashMap<>();
		for (String topic : partitions.stream().map(TopicPartition::topic).distinct().toList()) {
			List<Integer> ids = partitions.stream()
				.filter((p) -> p.topic().equals(topic))
				.map(TopicPartition::partition)
				.toList();
			List<Object> args = new ArrayList<>();
			args.add(topic);
			args.addAll(ids);
			this.jdbc
				.query("SELECT partition_id, next_offset FROM consumer_offset WHERE topic = ? AND partition_id IN ("
						+ placeholders(ids.size()) + ") ORDER BY partition_id" + this.lockRows, (row) -> {
							stored.put(new TopicPartition(topic, row.getInt(1)), row.getLong(2));
						}, args.toArray());
		}
		List<String> behind = new ArrayList<>();
		batch.firstOffsets.forEach((partition, first) -> {
			long next = stored.getOrDefault(partition, 0L);
			if (next > first) {
				behind.add(partition + " from " + first + " (stored next offset " + next + ")");
			}
		});
		if (!behind.isEmpty()) {
			throw new BatchFencedException(stored, "counted already by another instance: " + String.join(", ", behind));
		}
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
