package io.dim.api.optimize;

import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;

import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.ErrorResponseException;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.mvc.method.annotation.StreamingResponseBody;

import io.dim.model.web.Ndjson;
import io.swagger.v3.oas.annotations.Operation;

/** Optimizing and explaining placements. */
@RestController
class OptimizeController {

	private final Optimizer optimizer;

	private final Explainer explainer;

	/** One Re-optimize All at a time from the API: a second is answered 409. */
	private final AtomicBoolean reoptimizingAll = new AtomicBoolean();

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
		claimReoptimizeAll();
		try {
			return this.optimizer.optimizeAll(OptimizeProgress.NONE);
		}
		finally {
			this.reoptimizingAll.set(false);
		}
	}

	@PostMapping(path = "/optimize", produces = Ndjson.MEDIA_TYPE)
	ResponseEntity<StreamingResponseBody> optimizeAllWithProgress() {
		claimReoptimizeAll();
		try {
			return Ndjson.stream((lines) -> {
				try {
					OptimizeReport report = this.optimizer.optimizeAll((step) -> lines.write(Map.of("progress", step)));
					lines.write(Map.of("report", report));
				}
				finally {
					this.reoptimizingAll.set(false);
				}
			});
		}
		catch (RuntimeException ex) {
			this.reoptimizingAll.set(false);
			throw ex;
		}
	}

	private void claimReoptimizeAll() {
		if (!this.reoptimizingAll.compareAndSet(false, true)) {
			throw new ErrorResponseException(HttpStatus.CONFLICT, ProblemDetail.forStatusAndDetail(HttpStatus.CONFLICT,
					"a Re-optimize All is already running; try again when it has finished"), null);
		}
	}

	@GetMapping(path = "/explain/{key}", produces = MediaType.APPLICATION_JSON_VALUE)
	@Operation(summary = "Why the object lives where it does: tier, every endpoint's cost terms and eligibility, "
			+ "binding constraints, runner-up, and the raw MILP")
	Explanation explain(@PathVariable String key) {
		return this.explainer.explain(key);
	}

}
