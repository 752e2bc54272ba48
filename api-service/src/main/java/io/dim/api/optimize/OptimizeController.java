package io.dim.api.optimize;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;

import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.mvc.method.annotation.StreamingResponseBody;

import io.swagger.v3.oas.annotations.Operation;
import tools.jackson.databind.json.JsonMapper;

/** Optimizing and explaining placements. */
@RestController
class OptimizeController {

	static final String NDJSON = "application/x-ndjson";

	private final Optimizer optimizer;

	private final Explainer explainer;

	private final JsonMapper json = JsonMapper.builder().findAndAddModules().build();

	OptimizeController(Optimizer optimizer, Explainer explainer) {
		this.optimizer = optimizer;
		this.explainer = explainer;
	}

	@PostMapping(path = "/optimize/{key}", produces = MediaType.APPLICATION_JSON_VALUE)
	@Operation(summary = "Optimize one object (MILP): the decision with its explanation; "
			+ "a placement change creates a PENDING migration job")
	ObjectDecision optimize(@PathVariable String key) {
		return this.optimizer.optimize(key);
	}

	@PostMapping(path = "/optimize", produces = MediaType.APPLICATION_JSON_VALUE)
	@Operation(summary = "Re-optimize All: evaluates every object; returns evaluated, changed, degraded and the "
			+ "monthly cost before and after. Ask for application/x-ndjson to receive progress lines first.")
	OptimizeReport optimizeAll() {
		return this.optimizer.optimizeAll(OptimizeProgress.NONE);
	}

	@PostMapping(path = "/optimize", produces = NDJSON)
	ResponseEntity<StreamingResponseBody> optimizeAllWithProgress() {
		StreamingResponseBody body = (out) -> {
			OptimizeReport report = this.optimizer.optimizeAll((step) -> writeLine(out, Map.of("progress", step)));
			writeLine(out, Map.of("report", report));
		};
		return ResponseEntity.ok().contentType(MediaType.parseMediaType(NDJSON)).body(body);
	}

	@GetMapping(path = "/explain/{key}", produces = MediaType.APPLICATION_JSON_VALUE)
	@Operation(summary = "Why the object lives where it does: tier, every endpoint's cost terms and eligibility, "
			+ "binding constraints, runner-up, and the raw MILP")
	Explanation explain(@PathVariable String key) {
		return this.explainer.explain(key);
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
