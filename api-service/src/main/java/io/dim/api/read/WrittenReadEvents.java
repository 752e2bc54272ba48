package io.dim.api.read;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;

import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.OffsetAndTimestamp;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.utils.Utils;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.kafka.core.ConsumerFactory;
import org.springframework.stereotype.Component;

import io.dim.api.read.ReadEventSpool.Spooled;
import io.dim.model.stream.AccessEvent;
import io.dim.model.stream.AccessEventCodec;
import io.dim.model.stream.RejectedRecordException;
import io.dim.model.stream.Topics;

/**
 * Finds which spooled read events Kafka had in fact written to dim.access although their
 * send failed (the acknowledgement was lost, or came after the producer's delivery
 * timeout). Such an event must not be sent again: its first copy carries no count-once
 * id, so stream-service would count the read twice.
 * <p>
 * A read's record is in the partition its key maps to, at or after the read's time (the
 * record's timestamp is taken when it is sent, after the read). So each partition is read
 * from the earliest such time to its end as it was when the look began, and only the
 * records of the wanted keys are parsed.
 */
@Component
class WrittenReadEvents {

	private static final Logger log = LoggerFactory.getLogger(WrittenReadEvents.class);

	/**
	 * Records read in one look at most; events not found by then are taken as unwritten.
	 */
	static final long MAX_RECORDS = 5_000_000;

	/**
	 * Read from this long before the earliest read, in case the clock was set back
	 * between the read and its send (on one host, so seconds at most). Kept short: on a
	 * busy topic every second is more records to read.
	 */
	private static final Duration CLOCK_ALLOWANCE = Duration.ofSeconds(10);

	/** Each call to Kafka waits this long at most; a Kafka that is down ends the look. */
	private static final Duration KAFKA_TIMEOUT = Duration.ofSeconds(10);

	private static final Properties LOOKUP = new Properties();

	static {
		LOOKUP.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
		LOOKUP.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, "5000");
		LOOKUP.put(ConsumerConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, String.valueOf(KAFKA_TIMEOUT.toMillis()));
	}

	/** The spool's own JSON: no read time is refused as being in the future. */
	private final AccessEventCodec codec = new AccessEventCodec(Duration.ofDays(36_500));

	private final ConsumerFactory<String, byte[]> consumers;

	WrittenReadEvents(ConsumerFactory<String, byte[]> consumers) {
		this.consumers = consumers;
	}

	/**
	 * @return the ids of those {@code events} found on dim.access
	 * @throws KafkaException when dim.access cannot be read (Kafka down): whether they
	 * were written is not known yet
	 */
	Set<String> among(List<Spooled> events) {
		if (events.isEmpty()) {
			return Set.of();
		}
		try (Consumer<String, byte[]> consumer = this.consumers.createConsumer(null, "dim-read-events-lookup", null,
				LOOKUP)) {
			int partitions = consumer.partitionsFor(Topics.ACCESS, KAFKA_TIMEOUT).size();
			if (partitions == 0) {
				// No topic: nothing was written to it.
				return Set.of();
			}
			Map<String, String> keyOfId = new HashMap<>();
			Map<TopicPartition, Long> since = new HashMap<>();
			for (Spooled spooled : events) {
				AccessEvent event = this.codec.parse(spooled.payload(), Instant.now());
				keyOfId.put(event.eventId(), event.key());
				since.merge(partitionOf(event.key(), partitions), event.ts().minus(CLOCK_ALLOWANCE).toEpochMilli(),
						Math::min);
			}
			return lookThrough(consumer, toRead(consumer, since), keyOfId);
		}
	}

	/**
	 * Reads the partitions up to their ends, or until every wanted event is found.
	 * @return the ids of those found
	 */
	private Set<String> lookThrough(Consumer<String, byte[]> consumer, Map<TopicPartition, Long> ends,
			Map<String, String> keyOfId) {
		Set<String> keys = new HashSet<>(keyOfId.values());
		Set<String> found = new HashSet<>();
		long read = 0;
		while (!ends.isEmpty() && found.size() < keyOfId.size() && read < MAX_RECORDS) {
			ConsumerRecords<String, byte[]> records = consumer.poll(KAFKA_TIMEOUT);
			// Every partition left is short of its end: no record means no Kafka.
			if (records.isEmpty()) {
				throw new KafkaException("no record of " + Topics.ACCESS + " could be read within " + KAFKA_TIMEOUT);
			}
			for (ConsumerRecord<String, byte[]> record : records) {
				read++;
				if (keys.contains(record.key())) {
					found.addAll(idsIn(record, keyOfId));
				}
			}
			Set<TopicPartition> done = new HashSet<>();
			ends.forEach((partition, end) -> {
				if (consumer.position(partition) >= end) {
					done.add(partition);
				}
			});
			// Paused, not unassigned: a fetch in flight for it is dropped quietly.
			consumer.pause(done);
			ends.keySet().removeAll(done);
		}
		if (!ends.isEmpty() && found.size() < keyOfId.size()) {
			log.warn(
					"Read events: looked through {} records of {} without reaching its end: {} read event(s) Kafka "
							+ "may have written are sent again, and counted twice if it had",
					read, Topics.ACCESS, keyOfId.size() - found.size());
		}
		return found;
	}

	/** Assigns and positions the consumer; returns each partition's end to read up to. */
	private static Map<TopicPartition, Long> toRead(Consumer<String, byte[]> consumer,
			Map<TopicPartition, Long> since) {
		// Assigned first: Kafka's client warns of the offsets of unassigned partitions.
		consumer.assign(since.keySet());
		Map<TopicPartition, OffsetAndTimestamp> starts = consumer.offsetsForTimes(since, KAFKA_TIMEOUT);
		Map<TopicPartition, Long> ends = new HashMap<>(consumer.endOffsets(since.keySet(), KAFKA_TIMEOUT));
		// No record at or after the time: none of the partition's events was written.
		ends.keySet().removeIf((p) -> starts.get(p) == null || starts.get(p).offset() >= ends.get(p));
		consumer.assign(ends.keySet());
		ends.keySet().forEach((p) -> consumer.seek(p, starts.get(p).offset()));
		return ends;
	}

	private List<String> idsIn(ConsumerRecord<String, byte[]> record, Map<String, String> keyOfId) {
		try {
			AccessEvent event = this.codec.parse(record.value(), Instant.now());
			return record.key().equals(keyOfId.get(event.eventId())) ? List.of(event.eventId()) : List.of();
		}
		catch (RejectedRecordException ex) {
			return List.of();
		}
	}

	/** The partition Kafka's default partitioner gives a record with this key. */
	private static TopicPartition partitionOf(String key, int partitions) {
		return new TopicPartition(Topics.ACCESS,
				Utils.toPositive(Utils.murmur2(key.getBytes(StandardCharsets.UTF_8))) % partitions);
	}

}
