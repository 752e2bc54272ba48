package io.dim.stream.s3events;

import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.stereotype.Component;

import io.dim.model.stream.AccessEvent;
import io.dim.model.stream.AccessEventCodec;
import io.dim.model.stream.ObjectCreated;
import io.dim.model.stream.ObjectRemoved;
import io.dim.model.stream.RejectedRecordException;
import io.dim.model.stream.Topics;
import io.dim.stream.heat.DeadLetters;
import io.dim.stream.heat.ManagedKeys;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import tools.jackson.databind.json.JsonMapper;

/**
 * Feeds real object accesses into the loop: reads S3 bucket notifications from the
 * configured topic and publishes the access events they describe to dim.access. Runs in a
 * Kafka transaction with the consumed offset (see {@link S3NotificationsConfiguration}),
 * so a crash neither drops nor repeats a notification's events. Each object created is
 * also announced on dim.objects.created, for api-service to adopt it if DIM does not
 * manage it yet; the WRITE of an object DIM does not manage travels in that announcement,
 * and api-service publishes it once the object is adopted. The removal of an object DIM
 * manages is announced on dim.objects.removed, for api-service to check its replicas in
 * that bucket at once (other removals concern nobody). Unreadable notifications go to
 * dim.access.dlq. Notifications of DIM's own requests (its copies, scrubs and the reads
 * it serves and counts itself) are left out and counted in
 * {@code dim_s3_notifications_own_total}.
 */
@Component
@ConditionalOnProperty(name = "dim.stream.consumer-enabled", havingValue = "true", matchIfMissing = true)
class S3NotificationListener {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private final KafkaTemplate<String, byte[]> transactional;

	private final DeadLetters deadLetters;

	private final ManagedKeys managed;

	private final Counter converted;

	private final Counter own;

	private final Set<String> ownPrincipals;

	/**
	 * @param ownPrincipals {@code dim.stream.s3-events-own-principals}: the principal ids
	 * of the credentials DIM uses, for notifications without a User-Agent (AWS S3)
	 */
	S3NotificationListener(S3NotificationsConfiguration.TransactionalProducer s3NotificationProducer,
			DeadLetters deadLetters, ManagedKeys managed, MeterRegistry registry,
			@Value("${dim.stream.s3-events-own-principals:}") List<String> ownPrincipals) {
		this.transactional = s3NotificationProducer.template();
		this.deadLetters = deadLetters;
		this.managed = managed;
		this.converted = Counter.builder("dim_s3_notification_events")
			.description("Access events made from S3 bucket notifications")
			.register(registry);
		this.own = Counter.builder("dim_s3_notifications_own")
			.description("S3 notification records of DIM's own requests, left out")
			.register(registry);
		this.ownPrincipals = ownPrincipals.stream()
			.map(String::trim)
			.filter((principal) -> !principal.isEmpty())
			.collect(Collectors.toUnmodifiableSet());
	}

	@KafkaListener(id = "s3-notifications", topics = "${dim.stream.s3-events-topic:" + Topics.S3_EVENTS + "}",
			containerFactory = "s3NotificationContainerFactory", batch = "false")
	void onNotification(ConsumerRecord<String, byte[]> record) {
		List<S3NotificationParser.Notified> events;
		try {
			events = S3NotificationParser.read(record.value(), this.ownPrincipals);
		}
		catch (RejectedRecordException ex) {
			List<DeadLetters.Rejected> rejected = List.of(new DeadLetters.Rejected(record, ex.getMessage()));
			this.deadLetters.send(rejected);
			this.deadLetters.count(rejected);
			return;
		}
		int made = 0;
		for (S3NotificationParser.Notified notified : events) {
			if (notified.byDim()) {
				this.own.increment();
				continue;
			}
			if (notified.removed()) {
				if (this.managed.contains(notified.key())) {
					this.transactional.send(Topics.REMOVED, notified.key(), JSON
						.writeValueAsBytes(new ObjectRemoved(notified.bucket(), notified.key(), notified.eventId())));
				}
				continue;
			}
			made++;
			AccessEvent event = notified.access();
			// A new object's WRITE waits for its adoption in the announcement: sent now,
			// it would reach the heat consumer first and be dead-lettered as unknown.
			boolean held = notified.created() && !this.managed.contains(event.key());
			if (!held) {
				this.transactional.send(Topics.ACCESS, event.key(), AccessEventCodec.toJson(event));
			}
			if (notified.created()) {
				this.transactional.send(Topics.CREATED, event.key(),
						JSON.writeValueAsBytes(new ObjectCreated(notified.bucket(), event.key(), event.bytes(),
								event.eventId(), held ? event : null)));
			}
		}
		this.converted.increment(made);
	}

}
