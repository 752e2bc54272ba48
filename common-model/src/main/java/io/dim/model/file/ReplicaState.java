package io.dim.model.file;

/** Life of one copy of an object on one endpoint. */
public enum ReplicaState {

	/** Being written; not readable as a replica yet. */
	PENDING,

	/** Written and verified against the object's SHA-256: a replica that counts. */
	VALID,

	/** Scheduled for removal; still readable until the delete is done. */
	DELETING

}
