package io.dim.stream.simulate;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.util.Map;
import java.util.UUID;

import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.springframework.kafka.core.DefaultKafkaProducerFactory;
import org.springframework.kafka.core.KafkaTemplate;

import io.dim.model.stream.AccessEvent;
import io.dim.model.stream.AccessOp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * A sender whose first event Kafka refuses (nothing listens on port 1: no metadata within
 * {@code max.block.ms}) says so and that none was sent, and prints no progress.
 */
class EventSenderTests {

	@Test
	void aRefusedFirstEventEndsTheRunSayingNoneWasSent() {
		DefaultKafkaProducerFactory<String, byte[]> producers = new DefaultKafkaProducerFactory<>(
				Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, "127.0.0.1:1", ProducerConfig.MAX_BLOCK_MS_CONFIG, 500),
				new StringSerializer(), new ByteArraySerializer());
		ByteArrayOutputStream out = new ByteArrayOutputStream();
		try {
			EventSender sender = new EventSender(new KafkaTemplate<>(producers), new PrintStream(out, true));
			assertThatThrownBy(() -> sender.send((now) -> new AccessEvent(UUID.randomUUID().toString(),
					"reports/q3.csv", AccessOp.READ, 10, now, "test"), 5, 0, () -> false, "simulate"))
				.isInstanceOf(IllegalStateException.class)
				.hasMessageStartingWith("Kafka refused the events (")
				.hasMessageEndingWith("); none was sent");
			assertThat(out.toString()).isEmpty();
		}
		finally {
			producers.destroy();
		}
	}

}
