package io.dim.model.migration;

/** What a task does: copy a replica to a target, or delete a replica no longer wanted. */
public enum TaskKind {

	COPY, DELETE

}
