package io.dim.api.alert;

import java.util.List;
import java.util.Locale;
import java.util.Set;

import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ResponseStatusException;

import io.dim.api.web.BadParameterException;

/**
 * {@code GET /alerts}, {@code POST /alerts/{id}/ack} and {@code POST /alerts/evaluate}.
 */
@RestController
class AlertController {

	private static final Set<String> STATES = Set.of("open", "acked", "resolved");

	private static final Set<String> SEVERITIES = Set.of(Condition.CRITICAL, Condition.WARNING, Condition.INFO);

	private final AlertStore store;

	private final AlertEvaluator evaluator;

	AlertController(AlertStore store, AlertEvaluator evaluator) {
		this.store = store;
		this.evaluator = evaluator;
	}

	@GetMapping("/alerts")
	List<AlertView> alerts(@RequestParam(required = false) String state,
			@RequestParam(required = false) String severity, @RequestParam(defaultValue = "100") int limit) {
		if (state != null && !STATES.contains(state)) {
			throw new BadParameterException("state", "must be open, acked or resolved (got '" + state + "')");
		}
		if (severity != null && !SEVERITIES.contains(severity)) {
			throw new BadParameterException("severity", "must be critical, warning or info (got '" + severity + "')");
		}
		if (limit < 1 || limit > 1000) {
			throw new BadParameterException("limit", "must be 1 to 1000 (got " + limit + ")");
		}
		return this.store.find((state != null) ? state.toUpperCase(Locale.ROOT) : null, severity, limit);
	}

	@PostMapping("/alerts/{id}/ack")
	AlertView ack(@PathVariable long id) {
		AlertView alert = this.store.get(id)
			.orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND, "no alert with id " + id));
		if (!this.store.ack(id) && !alert.state().equals("acked")) {
			throw new ResponseStatusException(HttpStatus.CONFLICT,
					"alert " + id + " is " + alert.state() + ": only open alerts can be acknowledged");
		}
		return this.store.get(id).orElseThrow();
	}

	@PostMapping("/alerts/evaluate")
	AlertEvaluator.Round evaluate() {
		return this.evaluator.evaluate();
	}

}
