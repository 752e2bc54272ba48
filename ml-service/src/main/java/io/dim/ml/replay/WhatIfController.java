package io.dim.ml.replay;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;

import io.dim.model.config.DimProperties;
import io.dim.model.endpoint.EndpointCatalog;
import io.dim.model.web.Ndjson;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.servlet.mvc.method.annotation.StreamingResponseBody;

/**
 * {@code GET /whatif}: the what-if comparison on the live catalogue and its recent
 * history, with the deployment's endpoints, replication factor and SLA. One at a time: it
 * trains a forecaster and replays every policy; ask for {@code application/x-ndjson} to
 * see it happen.
 */
@RestController
class WhatIfController {

	private static final Logger log = LoggerFactory.getLogger(WhatIfController.class);

	private final JdbcTemplate jdbc;

	private final EndpointCatalog catalog;

	private final DimProperties dim;

	private final AtomicBoolean running = new AtomicBoolean();

	/** The SLA a what-if may ask for, as api-service's {@code GET /whatif} checks it. */
	static final double MIN_SLA_MS = 1;

	static final double MAX_SLA_MS = 60_000;

	/** api-service's setting, when this deployment sets it for both services. */
	private final Duration copyOnReadWait;

	WhatIfController(JdbcTemplate jdbc, EndpointCatalog catalog, DimProperties dim,
			@Value("${dim.migrator.copy-on-read-wait:5m}") Duration copyOnReadWait) {
		this.jdbc = jdbc;
		this.catalog = catalog;
		this.dim = dim;
		this.copyOnReadWait = copyOnReadWait;
	}

	/**
	 * Cost and SLA of dim against the baselines on the last days of access history, with
	 * the deployment's SLA and replication factor or, to ask "what if", others.
	 */
	@GetMapping(path = "/whatif", produces = MediaType.APPLICATION_JSON_VALUE)
	ReplayReport whatIf(@RequestParam(defaultValue = "7") int days, @RequestParam(defaultValue = "all") String policy,
			@RequestParam(required = false) Double slaMs, @RequestParam(required = false) Integer replicas) {
		Run run = prepare(days, policy, slaMs, replicas);
		try {
			return run.replay((line) -> log.info("what-if: {}", line));
		}
		catch (IllegalArgumentException ex) {
			throw new ResponseStatusException(HttpStatus.BAD_REQUEST, ex.getMessage());
		}
		finally {
			this.running.set(false);
		}
	}

	/**
	 * The same with progress: {@code {"progress": "dim: 40% of 120000 events"}} lines as
	 * the forecaster trains and each policy replays, then {@code {"report": ...}}.
	 * Refusals (bad parameters, a run under way, too little history) come before the
	 * first line, as problem JSON.
	 */
	@GetMapping(path = "/whatif", produces = Ndjson.MEDIA_TYPE)
	ResponseEntity<StreamingResponseBody> whatIfWithProgress(@RequestParam(defaultValue = "7") int days,
			@RequestParam(defaultValue = "all") String policy, @RequestParam(required = false) Double slaMs,
			@RequestParam(required = false) Integer replicas) {
		Run run = prepare(days, policy, slaMs, replicas);
		try {
			return Ndjson.stream((lines) -> {
				try {
					ReplayReport report = run.replay((line) -> {
						log.info("what-if: {}", line);
						lines.write(Map.of("progress", line));
					});
					lines.write(Map.of("report", report));
				}
				catch (IllegalArgumentException ex) {
					lines.error(ex.getMessage());
				}
				finally {
					this.running.set(false);
				}
			});
		}
		catch (RuntimeException ex) {
			this.running.set(false);
			throw ex;
		}
	}

	/**
	 * Checks the parameters, claims the one run allowed at a time and reads the history;
	 * the caller releases the claim when the run ends.
	 */
	private Run prepare(int days, String policy, Double slaMs, Integer replicas) {
		if (days < 1 || days > 90) {
			throw new ResponseStatusException(HttpStatus.BAD_REQUEST,
					"days: must be between 1 and 90 (got " + days + ")");
		}
		if (slaMs != null && !(slaMs >= MIN_SLA_MS && slaMs <= MAX_SLA_MS)) {
			throw new ResponseStatusException(HttpStatus.BAD_REQUEST,
					"slaMs: must be between 1 and 60000 milliseconds (got " + slaMs + ")");
		}
		int endpoints = this.catalog.all().size();
		if (replicas != null && (replicas < 1 || replicas > endpoints)) {
			throw new ResponseStatusException(HttpStatus.BAD_REQUEST, "replicas: must be between 1 and " + endpoints
					+ ", the number of configured endpoints (got " + replicas + ")");
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
			ReplaySettings settings = ReplaySettings
				.defaults(this.catalog.all(), (replicas != null) ? replicas : this.dim.replicationFactor(),
						(slaMs != null) ? slaMs : this.dim.slaLatencyMs())
				.withCopyOnReadWait(this.copyOnReadWait);
			Replayer replayer = new Replayer(settings);
			replayer.evaluatedFrom(trace);
			return new Run(replayer, trace, policies);
		}
		catch (TraceTooShortException ex) {
			this.running.set(false);
			throw new ResponseStatusException(HttpStatus.BAD_REQUEST, ex.getMessage() + " (the live history gets there "
					+ "as objects are used; scripts/ml-train --simulate writes days of it at once)");
		}
		catch (IllegalArgumentException ex) {
			this.running.set(false);
			throw new ResponseStatusException(HttpStatus.BAD_REQUEST, ex.getMessage());
		}
		catch (RuntimeException ex) {
			this.running.set(false);
			throw ex;
		}
	}

	/** A what-if ready to replay: its history read and long enough. */
	private record Run(Replayer replayer, Trace trace, List<String> policies) {

		ReplayReport replay(Consumer<String> progress) {
			return this.replayer.replay(this.trace, this.policies, progress);
		}

	}

}
