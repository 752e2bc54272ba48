package io.dim.stream.heat;

import java.util.Map;

import org.apache.kafka.common.TopicPartition;

/**
 * A batch was not written because another instance has counted part of it already: the
 * stored next offset of one of its partitions is past the batch's first record there.
 * This instance lost the partition in a rebalance while it held the batch (it was frozen
 * or stalled past Kafka's session timeout) and is now a zombie for it; it resumes from
 * the stored offsets instead, so nothing is counted twice.
 */
class BatchFencedException extends RuntimeException {

	private final Map<TopicPartition, Long> storedOffsets;

	BatchFencedException(Map<TopicPartition, Long> storedOffsets, String detail) {
		super(detail);
		this.storedOffsets = Map.copyOf(storedOffsets);
	}

	/** The stored next offset of each of the batch's partitions. */
	Map<TopicPartition, Long> storedOffsets() {
		return this.storedOffsets;
	}

}
