package io.dim.api.read;

import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;

import io.swagger.v3.oas.annotations.Operation;

/** One scrub round on demand (the scrubber also runs by itself). */
@RestController
class ScrubController {

	private final Scrubber scrubber;

	ScrubController(Scrubber scrubber) {
		this.scrubber = scrubber;
	}

	@PostMapping("/scrub")
	@Operation(
			summary = "Reads back the verified replicas due (the longest unverified first, dim.scrub.replicas-per-round "
					+ "and max-bytes-per-round) and checks their bytes against the objects' SHA-256")
	ScrubReport scrub() {
		return this.scrubber.round();
	}

}
