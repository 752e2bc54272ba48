package io.dim.api.ml;

import java.util.LinkedHashMap;
import java.util.Map;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ResponseStatusException;
import tools.jackson.databind.JsonNode;

/**
 * {@code POST /ml/load}: makes ml-service reload its models and returns the loaded
 * versions and their metrics. {@code GET /ml/models}: what ml-service has loaded.
 */
@RestController
class MlController {

	private final MlClient client;

	private final ApplicationEventPublisher events;

	MlController(MlClient client, ApplicationEventPublisher events) {
		this.client = client;
		this.events = events;
	}

	@PostMapping("/ml/load")
	Map<String, Object> load() {
		Map<String, Object> loaded = answer(this.client::load);
		this.events.publishEvent(new MlModelsLoaded());
		return loaded;
	}

	@GetMapping("/ml/models")
	Map<String, Object> models() {
		return answer(this.client::models);
	}

	private Map<String, Object> answer(java.util.function.Supplier<JsonNode> call) {
		JsonNode report;
		try {
			report = call.get();
		}
		catch (MlRefusedException ex) {
			// e.g. 409 "no model could be loaded": ml-service's reason, with its status
			throw new ResponseStatusException(HttpStatus.valueOf(ex.status()), ex.getMessage());
		}
		catch (MlUnavailableException ex) {
			throw new ResponseStatusException(HttpStatus.SERVICE_UNAVAILABLE, ex.getMessage());
		}
		Map<String, Object> body = new LinkedHashMap<>();
		body.put("mlService", this.client.baseUrl().toString());
		body.put("models", report.get("models"));
		body.put("problems", report.get("problems"));
		return body;
	}

}
