package io.dim.api.alert;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

import org.springframework.stereotype.Component;

import io.dim.model.config.DimProperties;
import io.dim.model.endpoint.EndpointCatalog;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;

/**
 * Gauges that let Prometheus rules express the same conditions as the rules here:
 * {@code dim_sla_latency_seconds}, {@code dim_endpoint_up{endpoint}} and
 * {@code dim_objects_under_replicated}, refreshed by each evaluation.
 */
@Component
class AlertGauges {

	private final Map<String, AtomicInteger> up = new ConcurrentHashMap<>();

	private final AtomicInteger underReplicated = new AtomicInteger();

	AlertGauges(MeterRegistry registry, DimProperties dim, EndpointCatalog catalog) {
		Gauge.builder("dim_sla_latency_seconds", dim, (d) -> d.slaLatencyMs() / 1000.0)
			.description("SLA_LATENCY_MS, in seconds: the latency a hot object's serving replica must meet")
			.register(registry);
		catalog.all().forEach((endpoint) -> {
			AtomicInteger value = new AtomicInteger(1);
			this.up.put(endpoint.name(), value);
			Gauge.builder("dim_endpoint_up", value, AtomicInteger::get)
				.description("Whether the endpoint answers with its bucket and is not failed by chaos (1) or not (0)")
				.tag("endpoint", endpoint.name())
				.register(registry);
		});
		Gauge.builder("dim_objects_under_replicated", this.underReplicated, AtomicInteger::get)
			.description("Objects with fewer verified replicas than REPLICATION_FACTOR")
			.register(registry);
	}

	void endpointUp(String endpoint, boolean healthy) {
		AtomicInteger value = this.up.get(endpoint);
		if (value != null) {
			value.set(healthy ? 1 : 0);
		}
	}

	void underReplicated(int objects) {
		this.underReplicated.set(objects);
	}

}
