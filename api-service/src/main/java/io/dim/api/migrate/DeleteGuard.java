package io.dim.api.migrate;

import java.util.Map;
import java.util.Optional;

import org.springframework.stereotype.Component;

import io.dim.api.endpoint.EndpointProbe;
import io.dim.api.endpoint.EndpointStatus;
import io.dim.api.s3.S3Faults;
import io.dim.model.endpoint.EndpointConfig;
import io.dim.model.endpoint.EndpointCatalog;

/**
 * Nothing is deleted anywhere while an endpoint is failed by chaos or really down (it
 * does not answer its probe): what its replicas hold is unknown until it is back, and the
 * replicas elsewhere are then what keeps every object readable.
 */
@Component
class DeleteGuard {

	private final EndpointCatalog catalog;

	private final S3Faults faults;

	private final EndpointProbe probe;

	DeleteGuard(EndpointCatalog catalog, S3Faults faults, EndpointProbe probe) {
		this.catalog = catalog;
		this.faults = faults;
		this.probe = probe;
	}

	/**
	 * Why deletes must wait now, or empty when they may go ahead. An endpoint under chaos
	 * counts as chaos says (failed, or only slow or flaky): injected latency would make
	 * its probe time out, and an outage drill of latency is not one of failure.
	 */
	Optional<String> whyWait() {
		// Faults injected through another instance count too.
		this.faults.reload();
		Map<String, S3Faults.Fault> chaos = this.faults.all();
		for (EndpointConfig endpoint : this.catalog.all()) {
			if (this.faults.isFailed(endpoint.name())) {
				return Optional.of("endpoint " + endpoint.name() + " is failed (chaos)");
			}
		}
		for (EndpointConfig endpoint : this.catalog.all()) {
			if (chaos.containsKey(endpoint.name())) {
				continue;
			}
			EndpointStatus status = this.probe.status(endpoint.name());
			if (!status.up()) {
				return Optional.of("endpoint " + endpoint.name() + " is down (" + status.error() + ")");
			}
		}
		return Optional.empty();
	}

}
