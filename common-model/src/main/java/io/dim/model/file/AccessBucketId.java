package io.dim.model.file;

import java.io.Serializable;

/**
 * Primary key of {@link AccessBucket}: one row per object and bucket start (epoch
 * milliseconds).
 */
public record AccessBucketId(String objectKey, long bucketStart) implements Serializable {

	public AccessBucketId() {
		this(null, 0L);
	}

}
