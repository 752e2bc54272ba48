package io.dim.stream.heat;

import java.util.List;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

import io.dim.stream.StreamProperties;
import io.micrometer.core.instrument.MultiGauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;

/**
 * dim_file_heat_score{key} for the N hottest objects only: a gauge per object would
 * explode Prometheus. Refreshed after each decay pass; objects leaving the top N lose
 * their series.
 */
@Component
public class HottestObjectsGauge {

	private final JdbcTemplate jdbc;

	private final MultiGauge gauge;

	private final int topN;

	HottestObjectsGauge(JdbcTemplate jdbc, MeterRegistry registry, StreamProperties properties) {
		this.jdbc = jdbc;
		this.topN = properties.topN();
		this.gauge = MultiGauge.builder("dim_file_heat_score")
			.description("Heat of the hottest objects (top N by heat)")
			.register(registry);
	}

	public void refresh() {
		List<MultiGauge.Row<?>> rows = this.jdbc.query(
				"SELECT object_key, heat FROM file_heat WHERE heat > 0 ORDER BY heat DESC LIMIT ?",
				(row, i) -> MultiGauge.Row.of(Tags.of("key", row.getString(1)), row.getDouble(2)), this.topN);
		this.gauge.register(rows, true);
	}

}
