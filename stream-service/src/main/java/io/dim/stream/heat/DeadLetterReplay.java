package io.dim.stream.heat;

import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeMap;
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
 * dim.access once DIM manages their object (after an adoption), so they are counted.
 * stream-service runs it every {@code dim.stream.dlq-replay-interval}
 * ({@link DeadLetterReplayer}); the command runs it at once. Each new dead letter is read
 * once, by the consumer group {@value #GROUP}, in a Kafka transaction with that group's
 * offset: a crash neither loses nor repeats a read. An event whose object is still
 * unknown waits: its place in dim.access.dlq is recorded in the database
 * ({@link DeadLettersWaiting}), and a later run that finds its object managed reads it
 * there and sends it back. (The topic is not appended to: copying the waiting letters to
 * its end on every run made it grow with each run.) Dead letters with other reasons (bad
 * JSON, a timestamp in the future...) are left where they are. A record dead-lettered
 * twice (its batch was sent to the dead letters, then written again after a failed or
 * refused write) carries the same origin header both times: within a run only its first
 * copy is replayed or kept, and a replayed event carries its origin as its
 * {@code dim-count-once} id, so stream-service counts it once even when two runs each
 * replay a copy, or a run is stopped between sending it and forgetting its place.
 */
public final class DeadLetterReplay {

	static final String GROUP = "dim-dlq-replay";

	/** Waiting dead letters read back at a time. */
	private static final int WAITING_CHUNK = 10_000;

	/** Reads the events as they were; a timestamp in the future was checked already. */
	private static final AccessEventCodec CODEC = new AccessEventCodec(Duration.ofDays(36_500));

	/**
	 * What a run did.
	 *
	 * @param read new dead letters read
	 * @param replayed sent back to dim.access, the waited ones included
	 * @param waited of those, dead letters that had waited for their object since an
	 * earlier run
	 * @param nowWaiting new dead letters whose object is still not in file_meta: they
	 * wait
	 * @param expired waiting dead letters Kafka no longer holds (its retention): they can
	 * no longer be counted
	 * @param otherReasons left alone: dead-lettered for another reason
	 * @param duplicates dropped: a second dead letter of a record already handled in this
	 * run (same origin)
	 * @param waitingInAll dead letters waiting for their object after the run, earlier
	 * runs' included
	 */
	public record Summary(long read, long replayed, long waited, long nowWaiting, long expired, long otherReasons,
			long duplicates, long waitingInAll) {

		/** Whether the run found anything to do. */
		public boolean didAnything() {
			return this.read > 0 || this.replayed > 0 || this.expired > 0;
		}

		/** The run's result in one line. */
		public String line() {
			return String.format(Locale.ROOT,
					"replay-dlq: %d replayed to %s (%d of them waited for their object), %d now waiting for "
							+ "their object (not managed yet), %d expired while waiting, %d left (dead-lettered "
							+ "for another reason), %d duplicate(s) dropped, of %d new dead letter(s) read; "
							+ "%d wait for their object in all",
					this.replayed, Topics.ACCESS, this.waited, this.nowWaiting, this.expired, this.otherReasons,
					this.duplicates, this.read, this.waitingInAll);
		}

	}

	private final String bootstrapServers;

	private final ManagedKeys managed;

	private final DeadLettersWaiting waiting;

	private final PrintStream out;

	/** How long one call to Kafka may wait before the run fails (no broker). */
	private final Duration kafkaTimeout;

	private long read;

	private long replayed;

	private long waited;

	private long nowWaiting;

	private long expired;

	private long other;

	private long duplicates;

	/**
	 * The origins of the dead letters handled in this run, each with the place of the
	 * first dead letter of it.
	 */
	private final Map<String, String> origins = new HashMap<>();

	DeadLetterReplay(String bootstrapServers, ManagedKeys managed, DeadLettersWaiting waiting, PrintStream out,
			Duration kafkaTimeout) {
		this.bootstrapServers = bootstrapServers;
		this.managed = managed;
		this.waiting = waiting;
		this.out = out;
		this.kafkaTimeout = kafkaTimeout;
	}

	/**
	 * Reads the new dead letters present when it starts, then sends back those that
	 * waited for an object managed now. Runs once.
	 */
	public Summary run() {
		try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(consumerProperties(),
				new StringDeserializer(), new ByteArrayDeserializer()); Producer producer = new Producer()) {
			List<TopicPartition> partitions = consumer.partitionsFor(Topics.ACCESS_DLQ, this.kafkaTimeout)
				.stream()
				.map((p) -> new TopicPartition(p.topic(), p.partition()))
				.toList();
			consumer.assign(partitions);
			readNewDeadLetters(consumer, producer, partitions);
			consumer.beginningOffsets(partitions)
				.forEach((partition, first) -> this.expired += this.waiting.removeBefore(partition.partition(), first));
			replayWaitedDeadLetters(consumer, producer);
		}
		Summary summary = new Summary(this.read, this.replayed, this.waited, this.nowWaiting, this.expired, this.other,
				this.duplicates, this.waiting.count());
		this.out.println(summary.line());
		return summary;
	}

	private void readNewDeadLetters(KafkaConsumer<String, byte[]> consumer, Producer producer,
			List<TopicPartition> partitions) {
		Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
		while (!reached(consumer, end)) {
			ConsumerRecords<String, byte[]> records = consumer.poll(Duration.ofMillis(500));
			if (records.isEmpty()) {
				continue;
			}
			KafkaProducer<String, byte[]> transaction = producer.begin();
			Map<TopicPartition, OffsetAndMetadata> offsets = new HashMap<>();
			List<DeadLettersWaiting.Letter> toWait = new ArrayList<>();
			// The unknown-key letters' objects, and which are managed now: one query for
			// the batch, not one per letter.
			Map<ConsumerRecord<String, byte[]>, String> keys = new IdentityHashMap<>();
			for (ConsumerRecord<String, byte[]> record : records) {
				if (reason(record).startsWith("unknown key")) {
					String key = objectKey(record);
					if (key != null) {
						keys.put(record, key);
					}
				}
			}
			Set<String> managedNow = this.managed.among(new HashSet<>(keys.values()));
			for (ConsumerRecord<String, byte[]> record : records) {
				TopicPartition partition = new TopicPartition(record.topic(), record.partition());
				if (record.offset() >= end.get(partition)) {
					// Dead-lettered after the run started: for the next run, so the
					// group's offset stays before it.
					continue;
				}
				offsets.put(partition, new OffsetAndMetadata(record.offset() + 1));
				this.read++;
				String key = keys.get(record);
				if (key == null) {
					this.other++;
				}
				else if (!firstOfItsOrigin(record)) {
					this.duplicates++;
				}
				else if (managedNow.contains(key)) {
					transaction.send(replay(record));
					this.replayed++;
				}
				else {
					toWait.add(new DeadLettersWaiting.Letter(record.partition(), record.offset(), key));
					this.nowWaiting++;
				}
			}
			// Recorded before the group's offset moves past them: a failed commit reads
			// them again, and recording one twice keeps one row.
			this.waiting.record(toWait);
			if (!offsets.isEmpty()) {
				transaction.sendOffsetsToTransaction(offsets, consumer.groupMetadata());
			}
			transaction.commitTransaction();
			this.out.printf(Locale.ROOT, "replay-dlq: %d new dead letter(s) read, %d replayed%n", this.read,
					this.replayed);
		}
	}

	/**
	 * Sends back the waiting dead letters whose object is managed now, then forgets them.
	 */
	private void replayWaitedDeadLetters(KafkaConsumer<String, byte[]> consumer, Producer producer) {
		while (true) {
			List<DeadLettersWaiting.Letter> letters = this.waiting.ofManagedObjects(WAITING_CHUNK);
			if (letters.isEmpty()) {
				return;
			}
			Map<DeadLettersWaiting.Letter, ConsumerRecord<String, byte[]>> found = new LinkedHashMap<>();
			List<DeadLettersWaiting.Letter> gone = new ArrayList<>();
			readAt(consumer, letters, found, gone);
			if (!found.isEmpty()) {
				KafkaProducer<String, byte[]> transaction = producer.begin();
				found.values().forEach((record) -> {
					if (firstOfItsOrigin(record)) {
						transaction.send(replay(record));
						this.replayed++;
						this.waited++;
					}
					else {
						this.duplicates++;
					}
				});
				transaction.commitTransaction();
			}
			// Forgotten after the commit: stopped in between, a later run sends them
			// again, and their count-once ids keep them counted once.
			List<DeadLettersWaiting.Letter> done = new ArrayList<>(found.keySet());
			done.addAll(gone);
			this.waiting.remove(done);
			this.expired += gone.size();
			this.out.printf(Locale.ROOT, "replay-dlq: %d dead letter(s) that waited for their object replayed%n",
					this.waited);
			if (done.size() < letters.size()) {
				return; // some could not be read now: they wait for the next run
			}
		}
	}

	/**
	 * Reads the records at these places (in topic order); a place Kafka has no record at
	 * any more, another object's or none (past the end), goes to {@code gone}. Places not
	 * reached within the Kafka timeout are left out of both.
	 */
	private void readAt(KafkaConsumer<String, byte[]> consumer, List<DeadLettersWaiting.Letter> letters,
			Map<DeadLettersWaiting.Letter, ConsumerRecord<String, byte[]>> found,
			List<DeadLettersWaiting.Letter> gone) {
		Map<Integer, List<DeadLettersWaiting.Letter>> byPartition = new TreeMap<>();
		letters.forEach((l) -> byPartition.computeIfAbsent(l.partition(), (p) -> new ArrayList<>()).add(l));
		for (List<DeadLettersWaiting.Letter> all : byPartition.values()) {
			TopicPartition partition = new TopicPartition(Topics.ACCESS_DLQ, all.get(0).partition());
			// Past the end: the topic was made again since, shorter.
			long end = consumer.endOffsets(List.of(partition)).get(partition);
			all.stream().filter((l) -> l.offset() >= end).forEach(gone::add);
			List<DeadLettersWaiting.Letter> places = all.stream().filter((l) -> l.offset() < end).toList();
			if (places.isEmpty()) {
				continue;
			}
			consumer.assign(List.of(partition));
			consumer.seek(partition, places.get(0).offset());
			int next = 0;
			long giveUpAt = System.nanoTime() + this.kafkaTimeout.toNanos();
			while (next < places.size() && System.nanoTime() < giveUpAt) {
				List<ConsumerRecord<String, byte[]>> records = consumer.poll(Duration.ofMillis(500)).records(partition);
				for (ConsumerRecord<String, byte[]> record : records) {
					while (next < places.size() && places.get(next).offset() < record.offset()) {
						gone.add(places.get(next++));
					}
					if (next < places.size() && places.get(next).offset() == record.offset()) {
						DeadLettersWaiting.Letter letter = places.get(next++);
						// Another event there: the topic was made again since.
						if (letter.key().equals(objectKey(record))) {
							found.put(letter, record);
						}
						else {
							gone.add(letter);
						}
					}
				}
				if (!records.isEmpty()) {
					giveUpAt = System.nanoTime() + this.kafkaTimeout.toNanos();
					if (next < places.size() && places.get(next).offset() > consumer.position(partition)) {
						consumer.seek(partition, places.get(next).offset());
					}
				}
			}
		}
	}

	/**
	 * Whether this is the run's first dead letter of its original record. The same dead
	 * letter met twice is: read as new and left waiting, then found among the waiting
	 * ones when its object was adopted meanwhile.
	 */
	private boolean firstOfItsOrigin(ConsumerRecord<String, byte[]> record) {
		String origin = header(record, Topics.ORIGIN_HEADER);
		String place = record.partition() + "@" + record.offset();
		return origin.isEmpty() || place.equals(this.origins.computeIfAbsent(origin, (first) -> place));
	}

	/** The event sent back, counted once whichever run sends it. */
	private static ProducerRecord<String, byte[]> replay(ConsumerRecord<String, byte[]> record) {
		ProducerRecord<String, byte[]> replay = new ProducerRecord<>(Topics.ACCESS, record.key(), record.value());
		String id = header(record, Topics.COUNT_ONCE_HEADER);
		if (id.isEmpty()) {
			id = header(record, Topics.ORIGIN_HEADER);
		}
		if (id.isEmpty()) {
			id = record.topic() + "-" + record.partition() + "@" + record.offset();
		}
		replay.headers().add(Topics.COUNT_ONCE_HEADER, id.getBytes(StandardCharsets.UTF_8));
		return replay;
	}

	/**
	 * The transactional producer, made only when a run has something to send (a run with
	 * nothing to do, as most of the service's are, costs no transaction).
	 */
	private final class Producer implements AutoCloseable {

		private KafkaProducer<String, byte[]> producer;

		KafkaProducer<String, byte[]> begin() {
			if (this.producer == null) {
				this.producer = new KafkaProducer<>(producerProperties(), new StringSerializer(),
						new ByteArraySerializer());
				this.producer.initTransactions();
			}
			this.producer.beginTransaction();
			return this.producer;
		}

		@Override
		public void close() {
			if (this.producer != null) {
				this.producer.close();
			}
		}

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
