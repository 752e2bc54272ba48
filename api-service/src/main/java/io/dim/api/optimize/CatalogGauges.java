package io.dim.api.optimize;

import io.dim.model.placement.Costs;
import java.util.ArrayList;
import java.util.List;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowCallbackHandler;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

import io.dim.model.endpoint.EndpointCatalog;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.MultiGauge;
import io.micrometer.core.instrument.Tags;

/**
 * Objects and bytes per tier and per endpoint, counted in the database every
 * {@code dim.placement.gauges-interval} (one grouped query each, not one per scrape).
 * Labels take only tier names and configured endpoint names.
 */
@Component
class CatalogGauges {

	private final JdbcTemplate jdbc;

	private final MultiGauge tierObjects;

	private final MultiGauge tierBytes;

	private final MultiGauge endpointObjects;

	private final MultiGauge endpointBytes;

	private final MultiGauge endpointCost;

	private final EndpointCatalog catalog;

	CatalogGauges(JdbcTemplate jdbc, MeterRegistry registry, EndpointCatalog catalog) {
		this.jdbc = jdbc;
		this.catalog = catalog;
		this.endpointCost = MultiGauge.builder("dim_endpoint_storage_cost_monthly")
			.description("Monthly storage cost of the verified replicas per endpoint (bytes x cost_per_gb)")
			.register(registry);
		this.tierObjects = MultiGauge.builder("dim_tier_objects").description("Objects per tier").register(registry);
		this.tierBytes = MultiGauge.builder("dim_tier_bytes")
			.description("Bytes of objects per tier")
			.baseUnit("bytes")
			.register(registry);
		this.endpointObjects = MultiGauge.builder("dim_endpoint_objects")
			.description("Verified replicas per endpoint")
			.register(registry);
		this.endpointBytes = MultiGauge.builder("dim_endpoint_bytes")
			.description("Bytes of verified replicas per endpoint")
			.baseUnit("bytes")
			.register(registry);
	}

	@Scheduled(fixedDelayString = "${dim.placement.gauges-interval:15s}", initialDelay = 0)
	void refresh() {
		List<MultiGauge.Row<?>> objects = new ArrayList<>();
		List<MultiGauge.Row<?>> bytes = new ArrayList<>();
		this.jdbc.query("""
				SELECT COALESCE(h.tier, 'cold'), COUNT(*), COALESCE(SUM(f.size_bytes), 0)
				FROM file_meta f LEFT JOIN file_heat h ON h.object_key = f.object_key
				GROUP BY COALESCE(h.tier, 'cold')""", (RowCallbackHandler) (row) -> {
			objects.add(MultiGauge.Row.of(Tags.of("tier", row.getString(1)), row.getLong(2)));
			bytes.add(MultiGauge.Row.of(Tags.of("tier", row.getString(1)), row.getLong(3)));
		});
		this.tierObjects.register(objects, true);
		this.tierBytes.register(bytes, true);
		List<MultiGauge.Row<?>> replicas = new ArrayList<>();
		List<MultiGauge.Row<?>> replicaBytes = new ArrayList<>();
		List<MultiGauge.Row<?>> cost = new ArrayList<>();
		this.jdbc.query("""
				SELECT r.endpoint, COUNT(*), COALESCE(SUM(f.size_bytes), 0)
				FROM replica r JOIN file_meta f ON f.object_key = r.object_key
				WHERE r.state = 'VALID' GROUP BY r.endpoint""", (RowCallbackHandler) (row) -> {
			replicas.add(MultiGauge.Row.of(Tags.of("endpoint", row.getString(1)), row.getLong(2)));
			replicaBytes.add(MultiGauge.Row.of(Tags.of("endpoint", row.getString(1)), row.getLong(3)));
			long stored = row.getLong(3);
			this.catalog.find(row.getString(1))
				.ifPresent((endpoint) -> cost.add(MultiGauge.Row.of(Tags.of("endpoint", endpoint.name()),
						stored / Costs.BYTES_PER_GB * endpoint.costPerGb())));
		});
		this.endpointObjects.register(replicas, true);
		this.endpointBytes.register(replicaBytes, true);
		this.endpointCost.register(cost, true);
	}

}
