package io.dim.model.migration;

/** State of a migration job as a whole. */
public enum JobState {

	PENDING, RUNNING, DONE, FAILED

}
