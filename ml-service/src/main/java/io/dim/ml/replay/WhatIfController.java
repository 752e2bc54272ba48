package io.dim.ml.replay;

import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;

import io.dim.model.config.DimProperties;
import io.dim.model.endpoint.EndpointCatalog;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.http.HttpStatus;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ResponseStatusException;

/**
 * {@code GET /whatif}: the what-if comparison on the live catalogue and its recent
 * history, with the deployment's endpoints, replication factor and SLA. One at a time: it
 * trains a forecaster and replays every policy.
 */
@RestController
class WhatIfController {

	private static final Logger log = LoggerFactory.getLogger(WhatIfController.class);

	private final JdbcTemplate jdbc;

	private final EndpointCatalog catalog;

	private final DimProperties dim;

	private final AtomicBoolean running = new AtomicBoolean();

	WhatIfController(JdbcTemplate jdbc, EndpointCatalog catalog, DimProperties dim) {
		this.jdbc = jdbc;
		this.catalog = catalog;
		this.dim = dim;
	}

	/** Cost and SLA of dim against the baselines on the last days of access history. */
	@GetMapping("/whatif")
	ReplayReport whatIf(@RequestParam(defaultValue = "7") int days, @RequestParam(defaultValue = "all") String policy) {
		if (days < 1 || days > 90) {
			throw new ResponseStatusException(HttpStatus.BAD_REQUEST,
					"days: must be between 1 and 90 (got " + days + ")");
		}
		List<String> policies;
		try {
			policies = Replayer.policies(policy);
		}
		catch (IllegalArgumentException ex) {
			throw new ResponseStatusException(HttpStatus.BAD_REQUEST, "policy: " + ex.getMessage());
		}
		if (!this.running.compareAndSet(false, true)) {
			throw new ResponseStatusException(HttpStatus.CONFLICT,
					"a what-if run is under way: try again when it ends");
		}
		try {
			Trace trace = WhatIfHistory.read(this.jdbc, days);
			ReplaySettings settings = ReplaySettings.defaults(this.catalog.all(), this.dim.replicationFactor(),
					this.dim.slaLatencyMs());
			return new Replayer(settings).replay(trace, policies, (line) -> log.info("what-if: {}", line));
		}
		catch (IllegalArgumentException ex) {
			throw new ResponseStatusException(HttpStatus.BAD_REQUEST, ex.getMessage());
		}
		finally {
			this.running.set(false);
		}
	}

}
