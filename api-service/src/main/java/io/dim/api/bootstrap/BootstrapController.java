package io.dim.api.bootstrap;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.mvc.method.annotation.StreamingResponseBody;

import io.swagger.v3.oas.annotations.Operation;
import tools.jackson.databind.json.JsonMapper;

@RestController
class BootstrapController {

	static final String NDJSON = "application/x-ndjson";

	private final Bootstrapper bootstrapper;

	private final JsonMapper json = JsonMapper.builder().findAndAddModules().build();

	BootstrapController(Bootstrapper bootstrapper) {
		this.bootstrapper = bootstrapper;
	}

	@PostMapping(path = "/admin/bootstrap", produces = MediaType.APPLICATION_JSON_VALUE)
	@Operation(summary = "Create the buckets and upload the sample set (idempotent). "
			+ "Ask for application/x-ndjson to receive one progress line per object, then the report.")
	BootstrapReport bootstrap() {
		return this.bootstrapper.run(BootstrapProgress.NONE);
	}

	@PostMapping(path = "/admin/bootstrap", produces = NDJSON)
	ResponseEntity<StreamingResponseBody> bootstrapWithProgress() {
		StreamingResponseBody body = (out) -> {
			try {
				BootstrapReport report = this.bootstrapper.run((step) -> writeLine(out, Map.of("progress", step)));
				writeLine(out, Map.of("report", report));
			}
			catch (EndpointUnreachableException ex) {
				writeLine(out, error(ex.line()));
			}
			catch (BootstrapBusyException ex) {
				writeLine(out, error(ex.getBody().getDetail()));
			}
		};
		return ResponseEntity.ok().contentType(MediaType.parseMediaType(NDJSON)).body(body);
	}

	private static Map<String, Object> error(String message) {
		Map<String, Object> line = new LinkedHashMap<>();
		line.put("error", message);
		return line;
	}

	private void writeLine(OutputStream out, Object value) {
		try {
			out.write(this.json.writeValueAsString(value).getBytes(StandardCharsets.UTF_8));
			out.write('\n');
			out.flush();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

}
