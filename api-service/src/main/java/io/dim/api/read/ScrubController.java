package io.dim.api.read;

import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import io.dim.api.file.UnknownObjectException;
import io.dim.model.file.FileMetaRepository;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;

/**
 * One scrub round on demand (the scrubber also runs by itself), or one object's check.
 */
@RestController
class ScrubController {

	private final Scrubber scrubber;

	private final FileMetaRepository files;

	ScrubController(Scrubber scrubber, FileMetaRepository files) {
		this.scrubber = scrubber;
		this.files = files;
	}

	@PostMapping("/scrub")
	@Operation(
			summary = "Reads back the verified replicas due (the longest unverified first, dim.scrub.replicas-per-round "
					+ "and max-bytes-per-round) and checks their bytes against the objects' SHA-256; with key, every "
					+ "verified replica of that object now, those found wrong included (a finding is cleared when "
					+ "the bytes are right again)")
	ScrubReport scrub(@Parameter(description = "one object to check now") @RequestParam(required = false) String key) {
		if (key == null) {
			return this.scrubber.round();
		}
		if (!this.files.existsById(key)) {
			throw new UnknownObjectException(key);
		}
		return this.scrubber.checkObject(key);
	}

}
