package io.dim.api.adopt;

import java.nio.charset.StandardCharsets;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.stereotype.Component;

import io.dim.model.stream.AccessEvent;
import io.dim.model.stream.AccessEventCodec;
import io.dim.model.stream.Topics;

/**
 * What becomes of a creation's WRITE that stream-service held in an announcement because
 * DIM did not manage the object yet: sent to dim.access to be counted once the object is
 * managed, dead-lettered as an unknown key otherwise (stream-service's replay of the dead
 * letters counts it once the object is adopted). Sent with the transactional producer, so
 * in the listener's transaction with the announcement's offset.
 */
@Component
class HeldWrites {

	private final KafkaTemplate<String, byte[]> transactional;

	HeldWrites(ObjectsCreatedConfiguration.HeldWritesProducer heldWritesProducer) {
		this.transactional = heldWritesProducer.template();
	}

	void release(ConsumerRecord<String, byte[]> announcement, AccessEvent write, boolean managed) {
		if (managed) {
			this.transactional.send(Topics.ACCESS, write.key(), AccessEventCodec.toJson(write));
		}
		else {
			this.transactional.send(deadLetter(announcement, write));
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

}
