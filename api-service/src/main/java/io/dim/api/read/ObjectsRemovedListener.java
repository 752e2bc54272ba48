package io.dim.api.read;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;

import io.dim.model.stream.ObjectRemoved;
import io.dim.model.stream.Topics;
import io.micrometer.core.instrument.MeterRegistry;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.json.JsonMapper;

/**
 * Checks at once a managed object that a bucket notification says someone removed from a
 * bucket (dim.objects.removed, from stream-service; DIM's own removals are not
 * announced): its verified replicas in that bucket are read back by the {@link Scrubber},
 * and one that is gone is reported like any replica found wrong (the
 * {@code replica_mismatch} alert, the last choice of reads and copies) instead of being
 * found by the next scrub or read. Nothing is copied back: the removal may be what its
 * owner wanted, and only a person can tell (decision 007). Counted by outcome in
 * {@code dim_notified_removals_total}: {@code missing}, {@code still-there} (put back
 * since), {@code unreachable}, {@code not-placed-there} (DIM had no verified replica in
 * that bucket) or {@code unreadable}.
 */
@Component
class ObjectsRemovedListener {

	private static final Logger log = LoggerFactory.getLogger(ObjectsRemovedListener.class);

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private final Scrubber scrubber;

	private final MeterRegistry registry;

	ObjectsRemovedListener(Scrubber scrubber, MeterRegistry registry) {
		this.scrubber = scrubber;
		this.registry = registry;
	}

	// From the topic's beginning on a first start: checking a replica again changes
	// nothing, missing a removal would leave it to the next scrub.
	@KafkaListener(id = "api-objects-removed", topics = Topics.REMOVED, properties = "auto.offset.reset=earliest")
	void onObjectRemoved(ConsumerRecord<String, byte[]> record) {
		ObjectRemoved removed;
		try {
			removed = JSON.readValue(record.value(), ObjectRemoved.class);
		}
		catch (JacksonException ex) {
			count("unreadable");
			log.warn("Unreadable record on {}: {}", Topics.REMOVED, ex.getOriginalMessage());
			return;
		}
		if (removed.key() == null || removed.key().isEmpty() || removed.bucket() == null) {
			count("unreadable");
			log.warn("Record on {} without bucket or key: {}", Topics.REMOVED, removed);
			return;
		}
		Scrubber.NotifiedCheck check = this.scrubber.checkBehindDimsBack(removed.key(), removed.bucket(), "a removal");
		String outcome;
		if (check.wrong() > 0) {
			outcome = "missing";
		}
		else if (check.unreachable() > 0) {
			outcome = "unreachable";
		}
		else if (check.none()) {
			outcome = "not-placed-there";
		}
		else {
			outcome = "still-there";
		}
		log.info("Object '{}' removed from bucket {} by someone else than DIM: {}", removed.key(), removed.bucket(),
				outcome);
		count(outcome);
	}

	private void count(String outcome) {
		this.registry.counter("dim_notified_removals", "outcome", outcome).increment();
	}

}
