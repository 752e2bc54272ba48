package io.dim.model.stream;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.IdClass;
import jakarta.persistence.Table;

/**
 * The next offset to read of one partition, written in the same transaction as the counts
 * it produced, so that no event is lost or counted twice.
 */
@Entity
@Table(name = "consumer_offset")
@IdClass(ConsumerOffsetId.class)
public class ConsumerOffset {

	@Id
	@Column(name = "topic")
	private String topic;

	@Id
	@Column(name = "partition_id")
	private int partitionId;

	@Column(name = "next_offset", nullable = false)
	private long nextOffset;

	protected ConsumerOffset() {
	}

	public ConsumerOffset(String topic, int partitionId, long nextOffset) {
		this.topic = topic;
		this.partitionId = partitionId;
		this.nextOffset = nextOffset;
	}

	public String getTopic() {
		return this.topic;
	}

	public int getPartitionId() {
		return this.partitionId;
	}

	public long getNextOffset() {
		return this.nextOffset;
	}

}
