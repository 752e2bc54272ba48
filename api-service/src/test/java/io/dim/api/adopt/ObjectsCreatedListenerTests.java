package io.dim.api.adopt;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.springframework.kafka.core.DefaultKafkaProducerFactory;
import org.springframework.kafka.core.KafkaTemplate;

import io.dim.api.support.TestStack;
import io.dim.localstack.LocalStack;
import io.dim.localstack.TopicContents;
import io.dim.model.stream.AccessEvent;
import io.dim.model.stream.AccessEventCodec;
import io.dim.model.stream.AccessOp;
import io.dim.model.stream.ObjectCreated;
import io.dim.model.stream.Topics;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import tools.jackson.databind.json.JsonMapper;

/**
 * With adoption on notification turned off, nothing is adopted and no creation is lost:
 * the WRITE an announcement holds is dead-lettered as an unknown key, to be replayed once
 * someone adopts the object. (Adoption itself: MigratorTests, through the running
 * service.)
 */
class ObjectsCreatedListenerTests {

	@Test
	void withAdoptionOffTheHeldWriteIsDeadLetteredAsAnUnknownKey() throws Exception {
		try (LocalStack stack = TestStack.startAll()) {
			DefaultKafkaProducerFactory<String, byte[]> factory = new DefaultKafkaProducerFactory<>(
					Map.of("bootstrap.servers", stack.kafkaBootstrap()), new StringSerializer(),
					new ByteArraySerializer());
			factory.setTransactionIdPrefix("test-created-");
			KafkaTemplate<String, byte[]> template = new KafkaTemplate<>(factory);
			SimpleMeterRegistry registry = new SimpleMeterRegistry();
			// No adopter: with adoption off, the listener must not need one.
			ObjectsCreatedListener listener = new ObjectsCreatedListener(null, null,
					new HeldWrites(new ObjectsCreatedConfiguration.HeldWritesProducer(factory, template)), registry,
					false, Duration.ofMinutes(15));
			AccessEvent write = new AccessEvent("e-off", "inbox/not-adopted.txt", AccessOp.WRITE, 12,
					Instant.parse("2026-11-27T10:00:00Z"), "s3-notification");
			byte[] announcement = JsonMapper.builder()
				.build()
				.writeValueAsBytes(new ObjectCreated("dim-data", write.key(), 12, "e-off", write));
			// As the listener container does: in a transaction (with the offset).
			template.executeInTransaction((kafka) -> {
				try {
					listener.onObjectCreated(new ConsumerRecord<>(Topics.CREATED, 0, 41L, write.key(), announcement));
				}
				catch (InterruptedException ex) {
					throw new IllegalStateException(ex);
				}
				return null;
			});
			factory.destroy();

			// The transaction's commit markers are written after commitTransaction
			// returns: a read_committed reader may see them a moment later.
			List<ConsumerRecord<String, byte[]>> dead = await().atMost(Duration.ofSeconds(30))
				.until(() -> TopicContents.committed(stack.kafkaBootstrap(), Topics.ACCESS_DLQ),
						(records) -> !records.isEmpty());
			assertThat(dead).singleElement().satisfies((letter) -> {
				assertThat(letter.key()).isEqualTo(write.key());
				assertThat(letter.value()).isEqualTo(AccessEventCodec.toJson(write));
				assertThat(header(letter, Topics.REASON_HEADER)).isEqualTo(Topics.UNKNOWN_KEY_REASON);
				assertThat(header(letter, Topics.ORIGIN_HEADER)).isEqualTo(Topics.CREATED + "-0@41");
			});
			assertThat(TopicContents.committed(stack.kafkaBootstrap(), Topics.ACCESS)).isEmpty();
			assertThat(registry.counter("dim_notified_objects", "outcome", "off").count()).isEqualTo(1.0);
		}
	}

	private static String header(ConsumerRecord<String, byte[]> record, String name) {
		return new String(record.headers().lastHeader(name).value(), StandardCharsets.UTF_8);
	}

}
