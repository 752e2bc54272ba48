package io.dim.model.stream;

import java.io.Serializable;

/** Primary key of {@link ConsumerOffset}. */
public record ConsumerOffsetId(String topic, int partitionId) implements Serializable {

	public ConsumerOffsetId() {
		this(null, 0);
	}

}
