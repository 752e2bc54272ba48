package io.dim.model.migration;

import java.time.Instant;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/** A placement change of one object, carried out by its tasks. */
@Entity
@Table(name = "migration_job")
public class MigrationJob {

	@Id
	@GeneratedValue(strategy = GenerationType.IDENTITY)
	private Long id;

	@Column(name = "object_key", nullable = false)
	private String objectKey;

	@Enumerated(EnumType.STRING)
	@Column(name = "state", nullable = false)
	private JobState state;

	@Column(name = "reason")
	private String reason;

	/** Endpoints the object should end up on, comma-separated in sorted order. */
	@Column(name = "target_endpoints")
	private String targetEndpoints;

	@Column(name = "created_at", nullable = false)
	private Instant createdAt;

	@Column(name = "updated_at", nullable = false)
	private Instant updatedAt;

	@Column(name = "finished_at")
	private Instant finishedAt;

	protected MigrationJob() {
	}

	public MigrationJob(String objectKey, String reason, Instant now) {
		this(objectKey, reason, null, now);
	}

	public MigrationJob(String objectKey, String reason, String targetEndpoints, Instant now) {
		this.objectKey = objectKey;
		this.targetEndpoints = targetEndpoints;
		this.state = JobState.PENDING;
		this.reason = reason;
		this.createdAt = now;
		this.updatedAt = now;
	}

	public Long getId() {
		return this.id;
	}

	public String getObjectKey() {
		return this.objectKey;
	}

	public JobState getState() {
		return this.state;
	}

	public String getReason() {
		return this.reason;
	}

	public String getTargetEndpoints() {
		return this.targetEndpoints;
	}

	public Instant getCreatedAt() {
		return this.createdAt;
	}

	public Instant getUpdatedAt() {
		return this.updatedAt;
	}

	public Instant getFinishedAt() {
		return this.finishedAt;
	}

	public void moveTo(JobState next, Instant now) {
		this.state = next;
		this.updatedAt = now;
		if (next == JobState.DONE || next == JobState.FAILED) {
			this.finishedAt = now;
		}
	}

}
