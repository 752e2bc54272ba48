package io.dim.ml.serve;

import java.util.List;
import java.util.Set;

import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ResponseStatusException;

import io.dim.model.features.Features;

/**
 * {@code POST /predict}, {@code POST /models/load} (needs the API key) and
 * {@code GET /models}.
 */
@RestController
class ModelsController {

	private static final Set<String> TIERS = Set.of("hot", "warm", "cold");

	private final ModelStore store;

	private final PredictionService predictions;

	private final ServeProperties settings;

	private final ModelLoads loads;

	ModelsController(ModelStore store, PredictionService predictions, ServeProperties settings, ModelLoads loads) {
		this.store = store;
		this.predictions = predictions;
		this.settings = settings;
		this.loads = loads;
	}

	/** The body of {@code POST /predict}. */
	record PredictRequest(List<Features> rows) {

	}

	@PostMapping("/predict")
	PredictionService.Batch predict(@RequestBody PredictRequest request) {
		if (request.rows() == null) {
			throw new ResponseStatusException(HttpStatus.BAD_REQUEST, "rows: required (a list of feature rows)");
		}
		if (request.rows().size() > this.settings.maxPredictRows()) {
			throw new ResponseStatusException(HttpStatus.BAD_REQUEST, "rows: at most " + this.settings.maxPredictRows()
					+ " per request (got " + request.rows().size() + ")");
		}
		for (int i = 0; i < request.rows().size(); i++) {
			check(i, request.rows().get(i));
		}
		return this.predictions.predict(request.rows())
			.orElseThrow(() -> new ResponseStatusException(HttpStatus.SERVICE_UNAVAILABLE,
					"no model is loaded: train them (scripts/ml-train) and POST /models/load"));
	}

	/**
	 * Loads every model file; a missing or broken one keeps the model loaded before and
	 * is listed in the answer's problems. 409 when no model is loaded at all afterwards,
	 * so a caller never takes "nothing to serve" for success.
	 */
	@PostMapping("/models/load")
	ModelStore.LoadReport load() {
		ModelStore.LoadReport report = this.store.load();
		if (report.models().isEmpty()) {
			throw new ResponseStatusException(HttpStatus.CONFLICT, "no model could be loaded: "
					+ String.join("; ", report.problems()) + " (train them with scripts/ml-train)");
		}
		// The other instances load them too.
		this.loads.announce();
		return report;
	}

	@GetMapping("/models")
	ModelStore.LoadReport models() {
		return ModelStore.LoadReport.of(this.store.all(), List.of());
	}

	private static void check(int i, Features row) {
		String at = "rows[" + i + "].";
		if (row == null) {
			throw bad("rows[" + i + "]: must be an object of features");
		}
		if (row.sizeBytes() < 0 || row.reads1() < 0 || row.reads6() < 0 || row.reads24() < 0 || row.writes24() < 0) {
			throw bad(at + "sizeBytes, reads1, reads6, reads24 and writes24 must not be negative");
		}
		if (!(row.heat() >= 0) || Double.isInfinite(row.heat())) {
			throw bad(at + "heat must be a finite number >= 0 (got " + row.heat() + ")");
		}
		if (!Double.isFinite(row.ageHours()) || !Double.isFinite(row.hoursSinceAccess())
				|| !Double.isFinite(row.trend())) {
			throw bad(at + "ageHours, hoursSinceAccess and trend must be finite numbers");
		}
		if (row.hourOfDay() < 0 || row.hourOfDay() > 23) {
			throw bad(at + "hourOfDay must be 0 to 23 (got " + row.hourOfDay() + ")");
		}
		if (row.dayOfWeek() < 1 || row.dayOfWeek() > 7) {
			throw bad(at + "dayOfWeek must be 1 (Monday) to 7 (got " + row.dayOfWeek() + ")");
		}
		if (row.tierNow() == null || !TIERS.contains(row.tierNow())) {
			throw bad(at + "tierNow must be hot, warm or cold (got " + row.tierNow() + ")");
		}
	}

	private static ResponseStatusException bad(String detail) {
		return new ResponseStatusException(HttpStatus.BAD_REQUEST, detail);
	}

}
