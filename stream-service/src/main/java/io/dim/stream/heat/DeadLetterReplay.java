package io.dim.stream.heat;

import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.time.Instant;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;

import io.dim.model.stream.AccessEventCodec;
import io.dim.model.stream.RejectedRecordException;
import io.dim.model.stream.Topics;

/**
 * {@code replay-dlq}: sends the access events dead-lettered for an unknown key back to
 * dim.access once DIM manages their object (after an adoption), so they are counted. Each
 * dead letter is read once, by the consumer group {@value #GROUP}, in a Kafka transaction
 * with that group's offset: a crash neither loses nor repeats a replay. An event whose
 * object is still unknown is dead-lettered again (at the end of dim.access.dlq, same
 * headers), to be replayed by a later run; dead letters with other reasons (bad JSON, a
 * timestamp in the future...) are left where they are. A record dead-lettered twice (its
 * batch was sent to the dead letters, then written again after a failed or refused write)
 * carries the same origin header both times: within a run only its first copy is replayed
 * or kept, and a replayed event carries its origin as its {@code dim-count-once} id, so
 * stream-service counts it once even when two runs each replay a copy.
 */
public final class DeadLetterReplay {

	static final String GROUP = "dim-dlq-replay";

	/** Reads the events as they were; a timestamp in the future was checked already. */
	private static final AccessEventCodec CODEC = new AccessEventCodec(Duration.ofDays(36_500));

	/**
	 * What a run did.
	 *
	 * @param read dead letters read
	 * @param replayed sent back to dim.access
	 * @param stillUnknown dead-lettered again: their object is still not in file_meta
	 * @param otherReasons left alone: dead-lettered for another reason
	 * @param duplicates dropped: a second dead letter of a record already handled in this
	 * run (same origin)
	 */
	public record Summary(long read, long replayed, long stillUnknown, long otherReasons, long duplicates) {

	}

	private final String bootstrapServers;

	private final ManagedKeys managed;

	private final PrintStream out;

	/** How long one call to Kafka may wait before the run fails (no broker). */
	private final Duration kafkaTimeout;

	public DeadLetterReplay(String bootstrapServers, ManagedKeys managed, PrintStream out, Duration kafkaTimeout) {
		this.bootstrapServers = bootstrapServers;
		this.managed = managed;
		this.out = out;
		this.kafkaTimeout = kafkaTimeout;
	}

	/** Replays up to the dead letters present when it starts. */
	public Summary run() {
		long read = 0;
		long replayed = 0;
		long stillUnknown = 0;
		long other = 0;
		long duplicates = 0;
		Set<String> origins = new HashSet<>();
		try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(consumerProperties(),
				new StringDeserializer(), new ByteArrayDeserializer());
				KafkaProducer<String, byte[]> producer = new KafkaProducer<>(producerProperties(),
						new StringSerializer(), new ByteArraySerializer())) {
			producer.initTransactions();
			List<TopicPartition> partitions = consumer.partitionsFor(Topics.ACCESS_DLQ)
				.stream()
				.map((p) -> new TopicPartition(p.topic(), p.partition()))
				.toList();
			consumer.assign(partitions);
			Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
			while (!reached(consumer, end)) {
				ConsumerRecords<String, byte[]> records = consumer.poll(Duration.ofMillis(500));
				if (records.isEmpty()) {
					continue;
				}
				producer.beginTransaction();
				Map<TopicPartition, OffsetAndMetadata> offsets = new HashMap<>();
				for (ConsumerRecord<String, byte[]> record : records) {
					TopicPartition partition = new TopicPartition(record.topic(), record.partition());
					if (record.offset() >= end.get(partition)) {
						// Dead-lettered again by this run, or after it started: for the
						// next run, so the group's offset stays before it.
						continue;
					}
					offsets.put(partition, new OffsetAndMetadata(record.offset() + 1));
					read++;
					String key = reason(record).startsWith("unknown key") ? objectKey(record) : null;
					String origin = header(record, Topics.ORIGIN_HEADER);
					if (key == null) {
						other++;
					}
					else if (!origin.isEmpty() && !origins.add(origin)) {
						duplicates++;
					}
					else if (this.managed.contains(key)) {
						ProducerRecord<String, byte[]> replay = new ProducerRecord<>(Topics.ACCESS, record.key(),
								record.value());
						// Counted once whichever run replays it: copies of one
						// dead letter may fall in two runs.
						String countOnce = header(record, Topics.COUNT_ONCE_HEADER);
						String id = countOnce.isEmpty() ? origin : countOnce;
						if (!id.isEmpty()) {
							replay.headers().add(Topics.COUNT_ONCE_HEADER, id.getBytes(StandardCharsets.UTF_8));
						}
						producer.send(replay);
						replayed++;
					}
					else {
						producer.send(new ProducerRecord<>(Topics.ACCESS_DLQ, null, record.key(), record.value(),
								record.headers()));
						stillUnknown++;
					}
				}
				if (!offsets.isEmpty()) {
					producer.sendOffsetsToTransaction(offsets, consumer.groupMetadata());
				}
				producer.commitTransaction();
				this.out.printf(Locale.ROOT, "replay-dlq: %d dead letter(s) read, %d replayed%n", read, replayed);
			}
		}
		Summary summary = new Summary(read, replayed, stillUnknown, other, duplicates);
		this.out.printf(Locale.ROOT,
				"replay-dlq: %d replayed to %s, %d dead-lettered again (object still unknown), %d left "
						+ "(dead-lettered for another reason), %d duplicate(s) dropped, of %d read%n",
				replayed, Topics.ACCESS, stillUnknown, other, duplicates, read);
		return summary;
	}

	private static boolean reached(KafkaConsumer<String, byte[]> consumer, Map<TopicPartition, Long> end) {
		return end.entrySet().stream().allMatch((e) -> consumer.position(e.getKey()) >= e.getValue());
	}

	private static String reason(ConsumerRecord<String, byte[]> record) {
		return header(record, Topics.REASON_HEADER);
	}

	private static String header(ConsumerRecord<String, byte[]> record, String name) {
		Header header = record.headers().lastHeader(name);
		return (header != null) ? new String(header.value(), StandardCharsets.UTF_8) : "";
	}

	/** The event's object key (null when the value is no longer an event). */
	private static String objectKey(ConsumerRecord<String, byte[]> record) {
		try {
			return CODEC.parse(record.value(), Instant.now()).key();
		}
		catch (RejectedRecordException ex) {
			return null;
		}
	}

	private Properties consumerProperties() {
		Properties properties = new Properties();
		properties.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, this.bootstrapServers);
		properties.put(ConsumerConfig.GROUP_ID_CONFIG, GROUP);
		properties.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
		properties.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
		properties.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
		properties.put(ConsumerConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, (int) this.kafkaTimeout.toMillis());
		return properties;
	}

	private Properties producerProperties() {
		Properties properties = new Properties();
		properties.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, this.bootstrapServers);
		// One id: a second run started meanwhile fences this one, so two never replay
		// the same dead letters.
		properties.put(ProducerConfig.TRANSACTIONAL_ID_CONFIG, GROUP);
		properties.put(ProducerConfig.ACKS_CONFIG, "all");
		properties.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, this.kafkaTimeout.toMillis());
		return properties;
	}

}
