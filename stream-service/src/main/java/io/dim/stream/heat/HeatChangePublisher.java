package io.dim.stream.heat;

import java.util.List;

import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.stereotype.Component;

import io.dim.model.stream.HeatChanged;
import io.dim.model.stream.Topics;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import tools.jackson.databind.json.JsonMapper;

/** Publishes tier-band changes to dim.heat, keyed by object key. */
@Component
public class HeatChangePublisher {

	private static final JsonMapper JSON = JsonMapper.builder().findAndAddModules().build();

	private final KafkaTemplate<String, byte[]> kafka;

	private final Counter published;

	HeatChangePublisher(KafkaTemplate<String, byte[]> kafka, MeterRegistry registry) {
		this.kafka = kafka;
		this.published = Counter.builder("dim_heat_changes_published")
			.description("HeatChanged records published to dim.heat")
			.register(registry);
	}

	public void publish(List<HeatChanged> changes) {
		for (HeatChanged change : changes) {
			this.kafka.send(Topics.HEAT, change.key(), JSON.writeValueAsBytes(change));
		}
		this.published.increment(changes.size());
	}

}
