package io.dim.model.file;

import java.time.Instant;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.IdClass;
import jakarta.persistence.Table;

/** One copy of an object on one endpoint, and whether it has been verified. */
@Entity
@Table(name = "replica")
@IdClass(ReplicaId.class)
public class Replica {

	@Id
	@Column(name = "object_key")
	private String objectKey;

	@Id
	@Column(name = "endpoint")
	private String endpoint;

	@Enumerated(EnumType.STRING)
	@Column(name = "state", nullable = false)
	private ReplicaState state;

	@Column(name = "verified_at")
	private Instant verifiedAt;

	protected Replica() {
	}

	public Replica(String objectKey, String endpoint, ReplicaState state, Instant verifiedAt) {
		this.objectKey = objectKey;
		this.endpoint = endpoint;
		this.state = state;
		this.verifiedAt = verifiedAt;
	}

	public static Replica verified(String objectKey, String endpoint, Instant verifiedAt) {
		return new Replica(objectKey, endpoint, ReplicaState.VALID, verifiedAt);
	}

	public String getObjectKey() {
		return this.objectKey;
	}

	public String getEndpoint() {
		return this.endpoint;
	}

	public ReplicaState getState() {
		return this.state;
	}

	public Instant getVerifiedAt() {
		return this.verifiedAt;
	}

	public void markVerified(Instant when) {
		this.state = ReplicaState.VALID;
		this.verifiedAt = when;
	}

	public void markDeleting() {
		this.state = ReplicaState.DELETING;
	}

}
