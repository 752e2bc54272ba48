package io.dim.api.bootstrap;

import java.util.Map;

import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.mvc.method.annotation.StreamingResponseBody;

import io.dim.model.web.Ndjson;
import io.swagger.v3.oas.annotations.Operation;

@RestController
class BootstrapController {

	private final Bootstrapper bootstrapper;

	BootstrapController(Bootstrapper bootstrapper) {
		this.bootstrapper = bootstrapper;
	}

	@PostMapping(path = "/admin/bootstrap", produces = MediaType.APPLICATION_JSON_VALUE)
	@Operation(summary = "Create the buckets and upload the sample set (idempotent). "
			+ "Ask for application/x-ndjson to receive one progress line per object, then the report.")
	BootstrapReport bootstrap() {
		return this.bootstrapper.run(BootstrapProgress.NONE);
	}

	@PostMapping(path = "/admin/bootstrap", produces = Ndjson.MEDIA_TYPE)
	ResponseEntity<StreamingResponseBody> bootstrapWithProgress() {
		return Ndjson.stream((lines) -> {
			try {
				BootstrapReport report = this.bootstrapper.run((step) -> lines.write(Map.of("progress", step)));
				lines.write(Map.of("report", report));
			}
			catch (EndpointUnreachableException ex) {
				lines.error(ex.line());
			}
			catch (BootstrapBusyException ex) {
				lines.error(ex.getBody().getDetail());
			}
		});
	}

}
