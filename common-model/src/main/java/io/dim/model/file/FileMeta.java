package io.dim.model.file;

import java.time.Instant;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/**
 * An object Data-in-Motion manages: its identity, size and the SHA-256 every replica is
 * checked against.
 */
@Entity
@Table(name = "file_meta")
public class FileMeta {

	@Id
	@Column(name = "object_key")
	private String objectKey;

	@Column(name = "size_bytes", nullable = false)
	private long sizeBytes;

	@Column(name = "content_type", nullable = false)
	private String contentType;

	@Column(name = "sha256", nullable = false)
	private String sha256;

	/** The ETag of the last write, used to notice a source that changed during a copy. */
	@Column(name = "version_token", nullable = false)
	private String versionToken;

	@Column(name = "created_at", nullable = false)
	private Instant createdAt;

	protected FileMeta() {
	}

	public FileMeta(String objectKey, long sizeBytes, String contentType, String sha256, String versionToken,
			Instant createdAt) {
		this.objectKey = objectKey;
		this.sizeBytes = sizeBytes;
		this.contentType = contentType;
		this.sha256 = sha256;
		this.versionToken = (versionToken != null) ? versionToken : "";
		this.createdAt = createdAt;
	}

	public String getObjectKey() {
		return this.objectKey;
	}

	public long getSizeBytes() {
		return this.sizeBytes;
	}

	public String getContentType() {
		return this.contentType;
	}

	public String getSha256() {
		return this.sha256;
	}

	public String getVersionToken() {
		return this.versionToken;
	}

	public Instant getCreatedAt() {
		return this.createdAt;
	}

}
