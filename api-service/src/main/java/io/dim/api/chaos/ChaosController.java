package io.dim.api.chaos;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import io.dim.api.s3.S3Faults;
import io.dim.api.web.BadParameterException;
import io.dim.api.web.UnknownEndpointException;
import io.dim.model.endpoint.EndpointCatalog;
import io.dim.model.endpoint.EndpointConfig;
import io.swagger.v3.oas.annotations.Operation;

/**
 * Chaos controls per endpoint, for every instance sharing the database (see
 * {@link S3Faults}). A failed endpoint is not eligible for placement, and nothing is
 * deleted anywhere while any endpoint is failed.
 */
@RestController
class ChaosController {

	private final S3Faults faults;

	private final EndpointCatalog catalog;

	ChaosController(S3Faults faults, EndpointCatalog catalog) {
		this.faults = faults;
		this.catalog = catalog;
	}

	@GetMapping("/chaos/status")
	@Operation(summary = "Every endpoint's injected faults")
	List<ChaosStatus> status() {
		// As the cluster has them now, including faults injected through other instances.
		this.faults.reload();
		List<ChaosStatus> all = new ArrayList<>();
		for (EndpointConfig endpoint : this.catalog.all()) {
			all.add(ChaosStatus.of(endpoint.name(), this.faults.of(endpoint.name())));
		}
		return all;
	}

	@PostMapping("/chaos/fail/{name}")
	@Operation(summary = "Every S3 call to the endpoint fails as if it were down")
	ChaosStatus fail(@PathVariable String name) {
		known(name);
		this.faults.fail(name);
		return ChaosStatus.of(name, this.faults.of(name));
	}

	@PostMapping("/chaos/recover/{name}")
	@Operation(summary = "The endpoint answers again (latency and flakiness stay)")
	ChaosStatus recover(@PathVariable String name) {
		known(name);
		this.faults.recover(name);
		return ChaosStatus.of(name, this.faults.of(name));
	}

	@PostMapping("/chaos/latency/{name}")
	@Operation(summary = "Adds ms milliseconds (0 to 60000; 0 removes it) before every S3 call to the endpoint")
	ChaosStatus latency(@PathVariable String name, @RequestParam long ms) {
		known(name);
		if (ms < 0 || ms > 60_000) {
			throw new BadParameterException("ms", "must be between 0 and 60000 (got " + ms + ")");
		}
		this.faults.latency(name, ms);
		return ChaosStatus.of(name, this.faults.of(name));
	}

	@PostMapping("/chaos/flaky/{name}")
	@Operation(summary = "Fails a share rate (0 to 1; 0 removes it) of the S3 calls to the endpoint at random")
	ChaosStatus flaky(@PathVariable String name, @RequestParam double rate) {
		known(name);
		if (!(rate >= 0 && rate <= 1)) {
			throw new BadParameterException("rate", "must be between 0 and 1 (got " + rate + ")");
		}
		this.faults.flaky(name, rate);
		return ChaosStatus.of(name, this.faults.of(name));
	}

	@PostMapping("/chaos/clear")
	@Operation(summary = "Removes every injected fault")
	List<ChaosStatus> clear() {
		this.faults.clear();
		return status();
	}

	private void known(String name) {
		if (!this.catalog.contains(name)) {
			throw new UnknownEndpointException(name);
		}
	}

	/**
	 * @param endpoint endpoint name
	 * @param failed whether its calls fail
	 * @param failedSince since when
	 * @param latencyMs injected latency
	 * @param flakyRate share of calls failed at random
	 */
	record ChaosStatus(String endpoint, boolean failed, Instant failedSince, long latencyMs, double flakyRate) {

		static ChaosStatus of(String name, S3Faults.Fault fault) {
			return new ChaosStatus(name, fault.failedSince() != null, fault.failedSince(), fault.latencyMs(),
					fault.flakyRate());
		}

	}

}
