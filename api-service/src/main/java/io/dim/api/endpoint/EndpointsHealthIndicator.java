package io.dim.api.endpoint;

import java.util.LinkedHashMap;
import java.util.Map;

import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.stereotype.Component;

import io.dim.model.endpoint.EndpointCatalog;
import io.dim.model.endpoint.EndpointConfig;

/**
 * The "endpoints" component of /health: each endpoint's state. The service counts as DOWN
 * only when no endpoint answers, since it keeps serving (and failing over) with some
 * down.
 */
@Component("endpoints")
class EndpointsHealthIndicator implements HealthIndicator {

	private final EndpointCatalog catalog;

	private final EndpointProbe probe;

	EndpointsHealthIndicator(EndpointCatalog catalog, EndpointProbe probe) {
		this.catalog = catalog;
		this.probe = probe;
	}

	@Override
	public Health health() {
		Map<String, Object> details = new LinkedHashMap<>();
		int up = 0;
		for (EndpointConfig endpoint : this.catalog.all()) {
			EndpointStatus status = this.probe.status(endpoint.name());
			details.put(endpoint.name(),
					(status.error() == null) ? status.label() : status.label() + ": " + status.error());
			up += status.up() ? 1 : 0;
		}
		return ((up > 0) ? Health.up() : Health.down()).withDetails(details).build();
	}

}
