package io.dim.stream.heat;

import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;

import org.apache.kafka.common.TopicPartition;

import io.dim.model.heat.ForwardDecay;
import io.dim.model.stream.AccessEvent;
import io.dim.model.stream.AccessOp;

/**
 * One poll batch summed up in memory: per object (counts, bytes, heat weight, last
 * access), per object and history bucket, and the next offset of every partition seen.
 * Written to the database in one transaction by {@link HeatWriter}.
 */
final class BatchAggregate {

	final Map<String, KeyTotals> byKey = new HashMap<>();

	final Map<BucketKey, Counts> byBucket = new HashMap<>();

	final Map<TopicPartition, Long> nextOffsets = new HashMap<>();

	/** The offset of each partition's first record in the batch. */
	final Map<TopicPartition, Long> firstOffsets = new HashMap<>();

	int events;

	private final long bucketMillis;

	BatchAggregate(Duration bucketWidth) {
		this.bucketMillis = bucketWidth.toMillis();
	}

	/**
	 * Records that a partition's records up to {@code offset} are handled (counted or
	 * dead-lettered).
	 */
	void consumed(TopicPartition partition, long offset) {
		this.nextOffsets.merge(partition, offset + 1, Math::max);
		this.firstOffsets.merge(partition, offset, Math::min);
	}

	void add(AccessEvent event, ForwardDecay decay) {
		this.events++;
		boolean read = event.op() == AccessOp.READ;
		KeyTotals totals = this.byKey.computeIfAbsent(event.key(), (k) -> new KeyTotals());
		totals.counts.add(read, event.bytes());
		totals.score += decay.weight(event.ts());
		if (totals.lastAccess == null || event.ts().isAfter(totals.lastAccess)) {
			totals.lastAccess = event.ts();
		}
		long bucketStart = Math.floorDiv(event.ts().toEpochMilli(), this.bucketMillis) * this.bucketMillis;
		this.byBucket.computeIfAbsent(new BucketKey(event.key(), bucketStart), (k) -> new Counts())
			.add(read, event.bytes());
	}

	boolean isEmpty() {
		return this.byKey.isEmpty() && this.nextOffsets.isEmpty();
	}

	/** Reads, writes and bytes. */
	static final class Counts {

		long reads;

		long writes;

		long bytes;

		void add(boolean read, long bytes) {
			if (read) {
				this.reads++;
			}
			else {
				this.writes++;
			}
			this.bytes += bytes;
		}

	}

	/** What a batch adds to one object's heat row. */
	static final class KeyTotals {

		final Counts counts = new Counts();

		double score;

		Instant lastAccess;

	}

	record BucketKey(String key, long bucketStart) {

	}

}
