package io.dim.api.ml;

import java.util.Arrays;
import java.util.List;
import java.util.function.Supplier;

import io.dim.api.web.BadParameterException;
import io.dim.model.endpoint.EndpointCatalog;
import io.dim.model.web.Ndjson;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import tools.jackson.databind.JsonNode;

import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.servlet.mvc.method.annotation.StreamingResponseBody;

/**
 * {@code GET /whatif}: what each policy would have cost on the live catalogue's recent
 * history, computed by ml-service (which trains the forecaster and replays the policies).
 * Parameters are checked here, so a bad one is a 400 naming it whether or not ml-service
 * is up; ml-service's refusals (no history, a run under way) keep their status.
 */
@RestController
class WhatIfController {

	/** The policies ml-service's replay knows, as {@code replay --policy} names them. */
	static final List<String> POLICIES = List.of("dim", "all-fastest", "all-cheapest", "intelligent-tiering",
			"heat-bands", "replicate-all");

	private final MlClient client;

	private final EndpointCatalog catalog;

	WhatIfController(MlClient client, EndpointCatalog catalog) {
		this.client = client;
		this.catalog = catalog;
	}

	@GetMapping(path = "/whatif", produces = MediaType.APPLICATION_JSON_VALUE)
	@Operation(summary = "Cost (storage, egress, transfer, requests), SLA share and moves of dim against the "
			+ "baselines on the last days of access history. Ask for application/x-ndjson to receive progress "
			+ "lines first.")
	JsonNode whatIf(@RequestParam(defaultValue = "7") int days, @RequestParam(defaultValue = "all") String policy,
			@Parameter(description = "replay with this SLA in ms instead of SLA_LATENCY_MS") @RequestParam(
					required = false) Double slaMs,
			@Parameter(
					description = "replay with this many replicas per object instead of REPLICATION_FACTOR") @RequestParam(
							required = false) Integer replicas) {
		check(days, policy, slaMs, replicas);
		return fromMl(() -> this.client.whatIf(days, policy, slaMs, replicas));
	}

	/**
	 * The same with ml-service's progress lines passed on as they come
	 * ({@code {"progress": "heat-bands: 40% of 120000 events"}}), then the report
	 * ({@code {"report": ...}}), or an error line should ml-service stop answering
	 * midway. Refusals before the first line are problem JSON.
	 */
	@GetMapping(path = "/whatif", produces = Ndjson.MEDIA_TYPE)
	ResponseEntity<StreamingResponseBody> whatIfWithProgress(@RequestParam(defaultValue = "7") int days,
			@RequestParam(defaultValue = "all") String policy, @RequestParam(required = false) Double slaMs,
			@RequestParam(required = false) Integer replicas) {
		check(days, policy, slaMs, replicas);
		WhatIfLines answer = fromMl(() -> this.client.whatIfWithProgress(days, policy, slaMs, replicas));
		return Ndjson.stream((lines) -> {
			try (answer) {
				answer.forEach(lines::write);
			}
			catch (MlUnavailableException ex) {
				lines.error(ex.getMessage());
			}
		});
	}

	/** A bad parameter is a 400 naming it, whether or not ml-service is up. */
	private void check(int days, String policy, Double slaMs, Integer replicas) {
		if (days < 1 || days > 90) {
			throw new BadParameterException("days", "must be between 1 and 90 (got " + days + ")");
		}
		if (slaMs != null && !(slaMs >= 1 && slaMs <= 60_000)) {
			throw new BadParameterException("slaMs", "must be between 1 and 60000 milliseconds (got " + slaMs + ")");
		}
		int endpoints = this.catalog.all().size();
		if (replicas != null && (replicas < 1 || replicas > endpoints)) {
			throw new BadParameterException("replicas", "must be between 1 and " + endpoints
					+ ", the number of configured endpoints (got " + replicas + ")");
		}
		if (!policy.equals("all")) {
			for (String name : Arrays.stream(policy.split(",")).map(String::trim).toList()) {
				if (!POLICIES.contains(name)) {
					throw new BadParameterException("policy",
							"unknown '" + name + "' (all, or one or more of " + String.join(", ", POLICIES) + ")");
				}
			}
		}
	}

	/** ml-service's refusals keep their status; ml-service down is a 503. */
	private static <T> T fromMl(Supplier<T> call) {
		try {
			return call.get();
		}
		catch (MlRefusedException ex) {
			throw new ResponseStatusException(HttpStatus.valueOf(ex.status()), ex.getMessage());
		}
		catch (MlUnavailableException ex) {
			throw new ResponseStatusException(HttpStatus.SERVICE_UNAVAILABLE, ex.getMessage());
		}
	}

}
