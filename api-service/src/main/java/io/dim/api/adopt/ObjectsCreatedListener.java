package io.dim.api.adopt;

import java.nio.charset.StandardCharsets;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.stereotype.Component;

import io.dim.api.bootstrap.EndpointUnreachableException;
import io.dim.model.stream.AccessEvent;
import io.dim.model.stream.AccessEventCodec;
import io.dim.model.stream.ObjectCreated;
import io.dim.model.stream.Topics;
import io.micrometer.core.instrument.MeterRegistry;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.json.JsonMapper;

/**
 * Adopts the objects bucket notifications announce as created (dim.objects.created, from
 * stream-service) when DIM does not manage them yet, so an object written straight into a
 * bucket comes under management, verified and placed, without anyone running an adoption.
 * Counted by outcome in {@code dim_notified_objects_total}. The creation's WRITE, held in
 * the announcement, is then published to dim.access, or dead-lettered as an unknown key
 * when the object is not adopted (for {@code replay-dlq} after an adoption by hand), in
 * the Kafka transaction of the announcement's offset (see
 * {@link ObjectsCreatedConfiguration}). With {@code dim.adopt.on-notification=false}
 * nothing is adopted and the held WRITEs are dead-lettered.
 */
@Component
class ObjectsCreatedListener {

	private static final Logger log = LoggerFactory.getLogger(ObjectsCreatedListener.class);

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private static final String OFF = "off";

	private final Adopter adopter;

	private final KafkaTemplate<String, byte[]> transactional;

	private final MeterRegistry registry;

	private final boolean adopt;

	ObjectsCreatedListener(Adopter adopter, ObjectsCreatedConfiguration.HeldWritesProducer heldWritesProducer,
			MeterRegistry registry, @Value("${dim.adopt.on-notification:true}") boolean adopt) {
		this.adopter = adopter;
		this.transactional = heldWritesProducer.template();
		this.registry = registry;
		this.adopt = adopt;
	}

	// From the topic's beginning on a first start: objects announced before api-service
	// ever ran are adopted too (an adoption of a managed object changes nothing). Only
	// committed announcements: an aborted one's WRITE was announced again.
	@KafkaListener(id = "api-objects-created", topics = Topics.CREATED,
			containerFactory = "objectsCreatedContainerFactory",
			properties = { "auto.offset.reset=earliest", "isolation.level=read_committed" })
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
		String outcome = adopt(created);
		count(outcome);
		AccessEvent write = created.heldWrite();
		if (write != null) {
			boolean managed = outcome.equals(AdoptStep.ADOPTED) || outcome.equals(AdoptStep.KNOWN);
			if (managed) {
				this.transactional.send(Topics.ACCESS, write.key(), AccessEventCodec.toJson(write));
			}
			else {
				this.transactional.send(deadLetter(record, write));
			}
		}
	}

	private String adopt(ObjectCreated created) throws InterruptedException {
		if (!this.adopt) {
			return OFF;
		}
		try {
			return this.adopter.adoptCreated(created.bucket(), created.key());
		}
		catch (EndpointUnreachableException ex) {
			// Retrying at once would meet the same outage; a person adopts it later.
			log.warn(
					"Object '{}' created in bucket {} not adopted: {}; adopt it once the endpoint answers "
							+ "(scripts/adopt --endpoint NAME --prefix KEY)",
					created.key(), created.bucket(), ex.line());
			return "unreachable";
		}
	}

	/** As the heat consumer dead-letters an event whose object DIM does not manage. */
	private static ProducerRecord<String, byte[]> deadLetter(ConsumerRecord<String, byte[]> announcement,
			AccessEvent write) {
		ProducerRecord<String, byte[]> letter = new ProducerRecord<>(Topics.ACCESS_DLQ, write.key(),
				AccessEventCodec.toJson(write));
		letter.headers().add(Topics.REASON_HEADER, Topics.UNKNOWN_KEY_REASON.getBytes(StandardCharsets.UTF_8));
		letter.headers()
			.add(Topics.ORIGIN_HEADER,
					(announcement.topic() + "-" + announcement.partition() + "@" + announcement.offset())
						.getBytes(StandardCharsets.UTF_8));
		return letter;
	}

	private void count(String outcome) {
		// Not "dim_objects_created": Prometheus takes a counter's "_created" suffix for
		// its creation time and the series came out as dim_objects_total.
		this.registry.counter("dim_notified_objects", "outcome", outcome).increment();
	}

}
