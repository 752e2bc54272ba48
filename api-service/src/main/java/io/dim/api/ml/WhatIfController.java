package io.dim.api.ml;

import java.util.Arrays;
import java.util.List;

import io.dim.api.web.BadParameterException;
import io.swagger.v3.oas.annotations.Operation;
import tools.jackson.databind.JsonNode;

import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ResponseStatusException;

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

	WhatIfController(MlClient client) {
		this.client = client;
	}

	@GetMapping("/whatif")
	@Operation(summary = "Cost (storage, egress, transfer, requests), SLA share and moves of dim against the "
			+ "baselines on the last days of access history")
	JsonNode whatIf(@RequestParam(defaultValue = "7") int days, @RequestParam(defaultValue = "all") String policy) {
		if (days < 1 || days > 90) {
			throw new BadParameterException("days", "must be between 1 and 90 (got " + days + ")");
		}
		if (!policy.equals("all")) {
			for (String name : Arrays.stream(policy.split(",")).map(String::trim).toList()) {
				if (!POLICIES.contains(name)) {
					throw new BadParameterException("policy",
							"unknown '" + name + "' (all, or one or more of " + String.join(", ", POLICIES) + ")");
				}
			}
		}
		try {
			return this.client.whatIf(days, policy);
		}
		catch (MlRefusedException ex) {
			throw new ResponseStatusException(HttpStatus.valueOf(ex.status()), ex.getMessage());
		}
		catch (MlUnavailableException ex) {
			throw new ResponseStatusException(HttpStatus.SERVICE_UNAVAILABLE, ex.getMessage());
		}
	}

}
