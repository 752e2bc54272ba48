package io.dim.api.simulate;

import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import io.dim.api.web.BadParameterException;
import io.swagger.v3.oas.annotations.Operation;

@RestController
class SimulateController {

	static final int MAX_EVENTS = 100_000;

	private final BurstPublisher publisher;

	SimulateController(BurstPublisher publisher) {
		this.publisher = publisher;
	}

	@PostMapping("/simulate")
	@Operation(summary = "Publish a burst of read events for one object to dim.access (Burst button)")
	BurstPublisher.BurstResult simulate(@RequestParam String key, @RequestParam(defaultValue = "100") int events) {
		if (events < 1 || events > MAX_EVENTS) {
			throw new BadParameterException("events", "must be between 1 and " + MAX_EVENTS + " (got " + events + ")");
		}
		return this.publisher.publish(key, events);
	}

}
