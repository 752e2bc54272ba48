package io.dim.stream.heat;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.kafka.annotation.TopicPartition;
import org.springframework.stereotype.Component;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.json.JsonMapper;

import io.dim.model.stream.ObjectForgotten;
import io.dim.model.stream.Topics;

/**
 * Stops counting a forgotten object's events at once: api-service announces each
 * {@code POST /files/{key}/forget} on dim.objects.forgotten, and the key leaves this
 * instance's {@link ManagedKeys} cache, so its next events are dead-lettered as an
 * unknown key instead of heating rows of an object no longer in the catalogue. Every
 * instance reads every announcement (the partition is assigned, not shared through a
 * group), from the newest: a freshly started instance remembers no key yet.
 */
@Component
// The commands (simulate, produce, decay, replay-dlq) count nothing: no announcement to
// follow.
@ConditionalOnProperty(name = "dim.stream.consumer-enabled", havingValue = "true", matchIfMissing = true)
class ForgottenObjectsListener {

	private static final Logger log = LoggerFactory.getLogger(ForgottenObjectsListener.class);

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private final ManagedKeys managed;

	ForgottenObjectsListener(ManagedKeys managed) {
		this.managed = managed;
	}

	@KafkaListener(id = "stream-objects-forgotten",
			topicPartitions = @TopicPartition(topic = Topics.FORGOTTEN, partitions = "0"), batch = "false",
			properties = "auto.offset.reset=latest")
	void onForgotten(ConsumerRecord<String, byte[]> record) {
		try {
			ObjectForgotten forgotten = JSON.readValue(record.value(), ObjectForgotten.class);
			if (forgotten.key() != null) {
				this.managed.forget(forgotten.key());
				log.info("Object '{}' was forgotten: its events are no longer counted", forgotten.key());
			}
		}
		catch (JacksonException ex) {
			log.warn("Unreadable record on {}: {}", Topics.FORGOTTEN, ex.getOriginalMessage());
		}
	}

}
