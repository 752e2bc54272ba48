package io.dim.model.migration;

/** State machine of one migration task (see "Migration safety rules" in DESIGN.md). */
public enum TaskState {

	PENDING, RUNNING, DONE, RETRY, FAILED

}
