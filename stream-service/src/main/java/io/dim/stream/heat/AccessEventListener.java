package io.dim.stream.heat;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;

import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Header;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.kafka.listener.ConsumerSeekAware;
import org.springframework.stereotype.Component;

import io.dim.model.stream.AccessEvent;
import io.dim.model.stream.AccessEventCodec;
import io.dim.model.stream.HeatChanged;
import io.dim.model.stream.RejectedRecordException;
import io.dim.model.stream.Topics;
import io.dim.stream.StreamProperties;
import io.dim.stream.heat.DeadLetters.Rejected;

/**
 * Consumes dim.access in batches. Each batch is parsed, bad records and events for
 * unknown objects are dead-lettered, and the rest is summed per object and written with
 * the partitions' next offsets in one transaction. On assignment the consumer seeks to
 * the stored offsets, so neither a crash nor a rebalance loses or double-counts an event;
 * the offsets Kafka keeps for the group are informational only. An instance that held a
 * batch while it lost the partition (frozen past the session timeout) finds, when it
 * writes, that another instance stored offsets past the batch's start: its batch is
 * dropped and it resumes from the stored offsets ({@link BatchFencedException}).
 */
@Component
@ConditionalOnProperty(name = "dim.stream.consumer-enabled", havingValue = "true", matchIfMissing = true)
class AccessEventListener implements ConsumerSeekAware {

	private static final Logger log = LoggerFactory.getLogger(AccessEventListener.class);

	private final HeatWriter writer;

	private final ManagedKeys managed;

	private final DeadLetters deadLetters;

	private final HeatChangePublisher heatChanges;

	private final ConsumerMetrics metrics;

	private final StreamProperties properties;

	private final AccessEventCodec codec;

	private final Clock clock = Clock.systemUTC();

	AccessEventListener(HeatWriter writer, ManagedKeys managed, DeadLetters deadLetters,
			HeatChangePublisher heatChanges, ConsumerMetrics metrics, StreamProperties properties) {
		this.writer = writer;
		this.managed = managed;
		this.deadLetters = deadLetters;
		this.heatChanges = heatChanges;
		this.metrics = metrics;
		this.properties = properties;
		this.codec = new AccessEventCodec(properties.maxFutureSkew());
	}

	@Override
	public void onPartitionsAssigned(Map<TopicPartition, Long> assignments, ConsumerSeekCallback callback) {
		Map<Integer, Long> stored = this.writer.storedOffsets(Topics.ACCESS);
		for (TopicPartition partition : assignments.keySet()) {
			Long next = stored.get(partition.partition());
			if (next != null) {
				callback.seek(partition.topic(), partition.partition(), next);
			}
			else {
				callback.seekToBeginning(partition.topic(), partition.partition());
			}
		}
		log.info("Assigned {}: resuming from stored offsets {}", assignments.keySet(), stored);
	}

	@KafkaListener(id = "heat-aggregator", topics = Topics.ACCESS, batch = "true")
	void onBatch(List<ConsumerRecord<String, byte[]>> records, Consumer<?, ?> consumer) {
		long started = System.nanoTime();
		Instant now = this.clock.instant();
		AccessEvent[] parsed = new AccessEvent[records.size()];
		String[] reasons = new String[records.size()];
		// Parsing is the largest share of a batch's time: spread it over the cores.
		IntStream.range(0, parsed.length).parallel().forEach((i) -> {
			try {
				parsed[i] = this.codec.parse(records.get(i).value(), now);
			}
			catch (RejectedRecordException ex) {
				reasons[i] = ex.getMessage();
			}
		});
		List<Rejected> rejected = new ArrayList<>();
		Set<String> keys = new HashSet<>();
		for (int i = 0; i < parsed.length; i++) {
			if (parsed[i] != null) {
				keys.add(parsed[i].key());
			}
			else {
				rejected.add(new Rejected(records.get(i), reasons[i]));
			}
		}
		Set<String> known = this.managed.among(keys);
		List<AccessEvent> counted = new ArrayList<>(parsed.length);
		// Events sent again from api-service's spool or from the dead letters: each
		// counted once by the id in its header.
		Map<AccessEvent, String> countOnce = new IdentityHashMap<>();
		for (int i = 0; i < parsed.length; i++) {
			if (parsed[i] != null && known.contains(parsed[i].key())) {
				counted.add(parsed[i]);
				Header id = records.get(i).headers().lastHeader(Topics.COUNT_ONCE_HEADER);
				if (id != null && id.value() != null && id.value().length > 0) {
					countOnce.put(parsed[i], new String(id.value(), StandardCharsets.UTF_8));
				}
			}
			else if (parsed[i] != null) {
				rejected.add(new Rejected(records.get(i), Topics.UNKNOWN_KEY_REASON));
			}
		}
		this.deadLetters.send(rejected);
		List<HeatChanged> changes;
		AtomicInteger repeated = new AtomicInteger();
		try {
			changes = this.writer.write((decay) -> {
				BatchAggregate batch = new BatchAggregate(this.properties.bucketWidth());
				Set<String> firstCounts = countOnce.isEmpty() ? Set.of()
						: this.writer.firstCounts(countOnce.values(), now);
				repeated.set(0);
				for (AccessEvent event : counted) {
					String id = countOnce.get(event);
					if (id == null || firstCounts.remove(id)) {
						batch.add(event, decay);
					}
					else {
						repeated.incrementAndGet();
					}
				}
				records.forEach((r) -> batch.consumed(new TopicPartition(r.topic(), r.partition()), r.offset()));
				return batch;
			}, now);
		}
		catch (BatchFencedException ex) {
			// Its dead letters may repeat those the other instance sent (their origin
			// header tells); its events are counted by whoever holds the partitions.
			log.warn("Batch of {} records not written, {}: resuming from the stored offsets {}", records.size(),
					ex.getMessage(), ex.storedOffsets());
			// Seeks only what this consumer still holds: a zombie may have lost them all.
			ex.storedOffsets().forEach((partition, offset) -> {
				if (consumer.assignment().contains(partition)) {
					consumer.seek(partition, offset);
				}
			});
			this.metrics.batchFenced();
			return;
		}
		this.deadLetters.count(rejected);
		this.heatChanges.publish(changes);
		if (repeated.get() > 0) {
			log.info("{} event(s) sent again (from api-service's spool or the dead letters) were counted before: "
					+ "skipped", repeated.get());
		}
		this.metrics.batchDone(records.size(), counted.size() - repeated.get(), repeated.get(),
				System.nanoTime() - started, consumer);
	}

}
