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

/**
 * One step of a job: copy to a target or delete from a source. Claimed with a lease
 * (owner, until) so that a crashed worker's task is taken up again.
 */
@Entity
@Table(name = "migration_task")
public class MigrationTask {

	@Id
	@GeneratedValue(strategy = GenerationType.IDENTITY)
	private Long id;

	@Column(name = "job_id", nullable = false)
	private Long jobId;

	@Enumerated(EnumType.STRING)
	@Column(name = "kind", nullable = false)
	private TaskKind kind;

	@Column(name = "object_key", nullable = false)
	private String objectKey;

	@Column(name = "source_endpoint")
	private String sourceEndpoint;

	@Column(name = "target_endpoint")
	private String targetEndpoint;

	@Enumerated(EnumType.STRING)
	@Column(name = "state", nullable = false)
	private TaskState state;

	@Column(name = "attempts", nullable = false)
	private int attempts;

	@Column(name = "next_attempt_at", nullable = false)
	private Instant nextAttemptAt;

	@Column(name = "lease_owner")
	private String leaseOwner;

	@Column(name = "lease_until")
	private Instant leaseUntil;

	@Column(name = "last_error")
	private String lastError;

	@Column(name = "created_at", nullable = false)
	private Instant createdAt;

	@Column(name = "updated_at", nullable = false)
	private Instant updatedAt;

	protected MigrationTask() {
	}

	public MigrationTask(Long jobId, TaskKind kind, String objectKey, String sourceEndpoint, String targetEndpoint,
			Instant now) {
		this.jobId = jobId;
		this.kind = kind;
		this.objectKey = objectKey;
		this.sourceEndpoint = sourceEndpoint;
		this.targetEndpoint = targetEndpoint;
		this.state = TaskState.PENDING;
		this.nextAttemptAt = now;
		this.createdAt = now;
		this.updatedAt = now;
	}

	public Long getId() {
		return this.id;
	}

	public Long getJobId() {
		return this.jobId;
	}

	public TaskKind getKind() {
		return this.kind;
	}

	public String getObjectKey() {
		return this.objectKey;
	}

	public String getSourceEndpoint() {
		return this.sourceEndpoint;
	}

	public String getTargetEndpoint() {
		return this.targetEndpoint;
	}

	public TaskState getState() {
		return this.state;
	}

	public int getAttempts() {
		return this.attempts;
	}

	public Instant getNextAttemptAt() {
		return this.nextAttemptAt;
	}

	public String getLeaseOwner() {
		return this.leaseOwner;
	}

	public Instant getLeaseUntil() {
		return this.leaseUntil;
	}

	public String getLastError() {
		return this.lastError;
	}

	public Instant getCreatedAt() {
		return this.createdAt;
	}

	public Instant getUpdatedAt() {
		return this.updatedAt;
	}

}
