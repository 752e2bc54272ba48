package io.dim.api.read;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.springframework.kafka.core.DefaultKafkaConsumerFactory;

import io.dim.api.read.ReadEventSpool.Spooled;
import io.dim.localstack.KafkaBroker;
import io.dim.localstack.TempDirs;
import io.dim.model.stream.AccessEvent;
import io.dim.model.stream.AccessEventCodec;
import io.dim.model.stream.AccessOp;
import io.dim.model.stream.Topics;

/**
 * How long api-service's look for a read event Kafka may have written takes (a
 * measurement, not a test; {@code scripts/bench/read-event-look [RECORDS]}): RECORDS
 * access events (default 1,000,000, over 10,000 keys) in one partition of dim.access on a
 * real local broker, the wanted event last, so the look reads them all. The reference,
 * measured in the same rounds, is a bare consumer reading the same records. In this
 * package because {@link WrittenReadEvents} is not public.
 */
public final class ReadEventLookBenchmark {

	private static final int ROUNDS = 3;

	private ReadEventLookBenchmark() {
	}

	public static void main(String[] args) throws Exception {
		int records = (args.length > 0) ? Integer.parseInt(args[0]) : 1_000_000;
		try (KafkaBroker broker = KafkaBroker.start(TempDirs.deletedOnExit("dim-bench-kafka"), 0)) {
			String bootstrap = broker.bootstrapServers();
			try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap))) {
				admin.createTopics(List.of(new NewTopic(Topics.ACCESS, 1, (short) 1))).all().get();
			}
			AccessEvent wanted = new AccessEvent(UUID.randomUUID().toString(), "bench/42", AccessOp.READ, 1,
					Instant.now(), "api-read");
			produce(bootstrap, records, wanted);
			WrittenReadEvents look = new WrittenReadEvents(
					new DefaultKafkaConsumerFactory<>(Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap),
							new StringDeserializer(), new ByteArrayDeserializer()));
			Spooled spooled = new Spooled(wanted.eventId(), wanted.key(), AccessEventCodec.toJson(wanted), true);
			for (int round = 1; round <= ROUNDS; round++) {
				long start = System.nanoTime();
				readAll(bootstrap, records + 1);
				double bare = (System.nanoTime() - start) / 1e9;
				start = System.nanoTime();
				Set<String> found = look.among(List.of(spooled));
				double looked = (System.nanoTime() - start) / 1e9;
				if (!found.contains(wanted.eventId())) {
					throw new IllegalStateException("the look did not find the wanted event");
				}
				System.out.printf(Locale.ROOT,
						"round %d: bare consumer %.2f s (%,.0f records/s), look %.2f s (%,.0f records/s), "
								+ "ratio %.2f%n",
						round, bare, (records + 1) / bare, looked, (records + 1) / looked, bare / looked);
			}
		}
	}

	private static void produce(String bootstrap, int records, AccessEvent wanted) {
		System.out.printf(Locale.ROOT, "bench: producing %,d access events, the wanted one last...%n", records);
		try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(
				Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap, ProducerConfig.LINGER_MS_CONFIG, 20,
						ProducerConfig.BATCH_SIZE_CONFIG, 262_144),
				new StringSerializer(), new ByteArraySerializer())) {
			for (int i = 0; i < records; i++) {
				String key = "bench/" + (i % 10_000);
				AccessEvent event = new AccessEvent(UUID.randomUUID().toString(), key, AccessOp.READ, 100,
						Instant.now(), "bench");
				producer.send(new ProducerRecord<>(Topics.ACCESS, key, AccessEventCodec.toJson(event)));
			}
			producer.send(new ProducerRecord<>(Topics.ACCESS, wanted.key(), AccessEventCodec.toJson(wanted)));
			producer.flush();
		}
	}

	private static void readAll(String bootstrap, int records) {
		TopicPartition partition = new TopicPartition(Topics.ACCESS, 0);
		try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(Map
			.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap, ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 5000),
				new StringDeserializer(), new ByteArrayDeserializer())) {
			consumer.assign(List.of(partition));
			consumer.seekToBeginning(List.of(partition));
			long read = 0;
			while (read < records) {
				read += consumer.poll(Duration.ofSeconds(5)).count();
			}
		}
	}

}
