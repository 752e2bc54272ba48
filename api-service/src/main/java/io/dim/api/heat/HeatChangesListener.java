package io.dim.api.heat;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;

import io.dim.api.optimize.ReoptimizeQueue;
import io.dim.model.stream.HeatChanged;
import io.dim.model.stream.Topics;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.json.JsonMapper;

/**
 * Receives tier-band changes from stream-service: counts and logs them, and hands the
 * objects they name to the {@link ReoptimizeQueue}, which re-optimizes them together.
 */
@Component
class HeatChangesListener {

	private static final Logger log = LoggerFactory.getLogger(HeatChangesListener.class);

	private static final JsonMapper JSON = JsonMapper.builder().findAndAddModules().build();

	private final Counter received;

	private final Counter unreadable;

	private final ReoptimizeQueue reoptimize;

	HeatChangesListener(MeterRegistry registry, ReoptimizeQueue reoptimize) {
		this.reoptimize = reoptimize;
		this.received = Counter.builder("dim_heat_changes_received")
			.description("HeatChanged records received from dim.heat")
			.register(registry);
		this.unreadable = Counter.builder("dim_heat_changes_unreadable")
			.description("dim.heat records that could not be read")
			.register(registry);
	}

	@KafkaListener(id = "api-heat-changes", topics = Topics.HEAT)
	void onHeatChanged(ConsumerRecord<String, byte[]> record) {
		try {
			HeatChanged change = JSON.readValue(record.value(), HeatChanged.class);
			this.received.increment();
			this.reoptimize.add(change.key());
			log.info("Tier of '{}' changed from {} to {} (heat {})", change.key(), change.from(), change.to(),
					String.format(java.util.Locale.ROOT, "%.2f", change.heat()));
		}
		catch (JacksonException ex) {
			this.unreadable.increment();
			log.warn("Unreadable record on {}: {}", Topics.HEAT, ex.getOriginalMessage());
		}
	}

}
