package io.dim.model.file;

import java.time.Instant;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.IdClass;
import jakarta.persistence.Table;

/**
 * Accesses of one object within one time bucket: the history the ML service learns from.
 */
@Entity
@Table(name = "access_bucket")
@IdClass(AccessBucketId.class)
public class AccessBucket {

	@Id
	@Column(name = "object_key")
	private String objectKey;

	/** Epoch milliseconds: an id column cannot go through the Instant converter. */
	@Id
	@Column(name = "bucket_start")
	private long bucketStart;

	@Column(name = "reads", nullable = false)
	private long reads;

	@Column(name = "writes", nullable = false)
	private long writes;

	@Column(name = "bytes", nullable = false)
	private long bytes;

	protected AccessBucket() {
	}

	public AccessBucket(String objectKey, Instant bucketStart, long reads, long writes, long bytes) {
		this.objectKey = objectKey;
		this.bucketStart = bucketStart.toEpochMilli();
		this.reads = reads;
		this.writes = writes;
		this.bytes = bytes;
	}

	public String getObjectKey() {
		return this.objectKey;
	}

	public Instant getBucketStart() {
		return Instant.ofEpochMilli(this.bucketStart);
	}

	public long getReads() {
		return this.reads;
	}

	public long getWrites() {
		return this.writes;
	}

	public long getBytes() {
		return this.bytes;
	}

}
