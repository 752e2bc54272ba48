package io.dim.stream.simulate;

import java.time.Instant;

import io.dim.model.stream.AccessEvent;

/** Where the sender's events come from. */
interface EventSource {

	/**
	 * The next event; {@code now} is the moment of sending (sources in simulated time
	 * ignore it).
	 */
	AccessEvent next(Instant now);

}
