package io.dim.api.adopt;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;

import io.dim.api.bootstrap.EndpointUnreachableException;
import io.dim.model.stream.ObjectCreated;
import io.dim.model.stream.Topics;
import io.micrometer.core.instrument.MeterRegistry;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.json.JsonMapper;

/**
 * Adopts the objects bucket notifications announce as created (dim.objects.created, from
 * stream-service) when DIM does not manage them yet, so an object written straight into a
 * bucket comes under management, verified and placed, without anyone running an adoption.
 * Counted by outcome in {@code dim_notified_objects_total}. An endpoint that does not
 * answer fails the record, which Kafka's error handler retries. Off with
 * {@code dim.adopt.on-notification=false}.
 */
@Component
@ConditionalOnProperty(name = "dim.adopt.on-notification", havingValue = "true", matchIfMissing = true)
class ObjectsCreatedListener {

	private static final Logger log = LoggerFactory.getLogger(ObjectsCreatedListener.class);

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private final Adopter adopter;

	private final MeterRegistry registry;

	ObjectsCreatedListener(Adopter adopter, MeterRegistry registry) {
		this.adopter = adopter;
		this.registry = registry;
	}

	// From the topic's beginning on a first start: objects announced before api-service
	// ever ran are adopted too (an adoption of a managed object changes nothing).
	@KafkaListener(id = "api-objects-created", topics = Topics.CREATED, properties = "auto.offset.reset=earliest")
	void onObjectCreated(ConsumerRecord<String, byte[]> record) throws InterruptedException {
		ObjectCreated created;
		try {
			created = JSON.readValue(record.value(), ObjectCreated.class);
		}
		catch (JacksonException ex) {
			count("unreadable");
			log.warn("Unreadable record on {}: {}", Topics.CREATED, ex.getOriginalMessage());
			return;
		}
		if (created.key() == null || created.key().isEmpty() || created.bucket() == null) {
			count("unreadable");
			log.warn("Record on {} without bucket or key: {}", Topics.CREATED, created);
			return;
		}
		try {
			count(this.adopter.adoptCreated(created.bucket(), created.key()));
		}
		catch (EndpointUnreachableException ex) {
			// Retrying at once would meet the same outage; a person adopts it later.
			count("unreachable");
			log.warn(
					"Object '{}' created in bucket {} not adopted: {}; adopt it once the endpoint answers "
							+ "(scripts/adopt --endpoint NAME --prefix KEY)",
					created.key(), created.bucket(), ex.line());
		}
	}

	private void count(String outcome) {
		// Not "dim_objects_created": Prometheus takes a counter's "_created" suffix for
		// its creation time and the series came out as dim_objects_total.
		this.registry.counter("dim_notified_objects", "outcome", outcome).increment();
	}

}
