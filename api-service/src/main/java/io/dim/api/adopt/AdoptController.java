package io.dim.api.adopt;

import java.util.Map;

import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.mvc.method.annotation.StreamingResponseBody;

import io.dim.api.bootstrap.EndpointUnreachableException;
import io.dim.model.web.Ndjson;
import io.swagger.v3.oas.annotations.Operation;

@RestController
class AdoptController {

	private final Adopter adopter;

	AdoptController(Adopter adopter) {
		this.adopter = adopter;
	}

	@PostMapping(path = "/admin/adopt", produces = MediaType.APPLICATION_JSON_VALUE)
	@Operation(summary = "Bring the objects already in an endpoint's bucket (under a prefix) under DIM's management: "
			+ "each unknown object is read, hashed and recorded with a verified replica there, then placed by the "
			+ "optimizer. Objects already managed are left alone. Ask for application/x-ndjson to receive one "
			+ "progress line per object, then the report.")
	AdoptReport adopt(@RequestParam String endpoint, @RequestParam(defaultValue = "") String prefix) {
		return this.adopter.prepare(endpoint, prefix).go((step) -> {
		});
	}

	@PostMapping(path = "/admin/adopt", produces = Ndjson.MEDIA_TYPE)
	ResponseEntity<StreamingResponseBody> adoptWithProgress(@RequestParam String endpoint,
			@RequestParam(defaultValue = "") String prefix) {
		Adopter.Run run = this.adopter.prepare(endpoint, prefix);
		return Ndjson.stream((lines) -> {
			try {
				AdoptReport report = run.go((step) -> lines.write(Map.of("progress", step)));
				lines.write(Map.of("report", report));
			}
			catch (EndpointUnreachableException ex) {
				lines.error(ex.line());
			}
		});
	}

}
