package io.dim.model.workload;

/** How an object's popularity moves over time in a structured workload. */
public enum Behaviour {

	/** A low, steady rate with a mild daily swing. */
	BACKGROUND,

	/** Busy in working hours (09-17 UTC) on weekdays, quiet otherwise. */
	DAILY,

	/** Quiet until a moment, then ramps up over a few hours and stays popular. */
	LATE_BLOOMER,

	/** Quiet except for one burst of a few hours. */
	FLASH_CROWD,

	/** Popular at the start, cooling off exponentially. */
	COOLING

}
