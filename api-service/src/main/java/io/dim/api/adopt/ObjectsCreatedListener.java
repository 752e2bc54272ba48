package io.dim.api.adopt;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.event.ContextClosedEvent;
import org.springframework.context.event.EventListener;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;

import io.dim.api.bootstrap.EndpointUnreachableException;
import io.dim.api.read.Scrubber;
import io.dim.model.stream.ObjectCreated;
import io.dim.model.stream.Topics;
import io.micrometer.core.instrument.MeterRegistry;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.json.JsonMapper;

/**
 * Adopts the objects bucket notifications announce as created (dim.objects.created, from
 * stream-service) when DIM does not manage them yet, so an object written straight into a
 * bucket comes under management, verified and placed, without anyone running an adoption.
 * Counted by outcome in {@code dim_notified_objects_total}. The creation's WRITE, held in
 * the announcement, is then counted or dead-lettered ({@link HeldWrites}), in the Kafka
 * transaction of the announcement's offset (see {@link ObjectsCreatedConfiguration}).
 * With {@code dim.adopt.on-notification=false} nothing is adopted and the held WRITEs are
 * dead-lettered. An adoption that meets an endpoint that does not answer is tried again
 * (after 1 s, then twice as long each time, at most 30 s apart) for
 * {@code dim.adopt.notification-retry-for} (15 min): every adoption reads every endpoint,
 * so the announcements after it could not be adopted meanwhile either, and an outage
 * shorter than that costs nobody an adoption by hand. An object DIM manages already is
 * read back at once from that bucket: written there by someone else than DIM (DIM's own
 * writes are not announced), it may now hold other bytes, which are reported (outcome
 * {@code rewritten}, the {@code replica_mismatch} alert) rather than found by the next
 * scrub.
 */
@Component
class ObjectsCreatedListener {

	private static final Logger log = LoggerFactory.getLogger(ObjectsCreatedListener.class);

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private static final String OFF = "off";

	/** A managed object written in a bucket with other bytes than DIM's. */
	private static final String REWRITTEN = "rewritten";

	static final Duration FIRST_WAIT = Duration.ofSeconds(1);

	static final Duration MAX_WAIT = Duration.ofSeconds(30);

	private final Adopter adopter;

	private final Scrubber scrubber;

	private final HeldWrites heldWrites;

	private final MeterRegistry registry;

	private final boolean adopt;

	private final Duration retryFor;

	/** 1 while an announcement waits for an endpoint to answer. */
	private final AtomicInteger waiting;

	private volatile boolean closing;

	ObjectsCreatedListener(Adopter adopter, Scrubber scrubber, HeldWrites heldWrites, MeterRegistry registry,
			@Value("${dim.adopt.on-notification:true}") boolean adopt,
			@Value("${dim.adopt.notification-retry-for:PT15M}") Duration retryFor) {
		this.adopter = adopter;
		this.scrubber = scrubber;
		this.heldWrites = heldWrites;
		this.registry = registry;
		this.adopt = adopt;
		this.retryFor = retryFor;
		this.waiting = registry.gauge("dim_notified_objects_waiting", new AtomicInteger());
	}

	/** Stops a wait for an endpoint: the announcement is read again at the next start. */
	@EventListener(ContextClosedEvent.class)
	void closing() {
		this.closing = true;
	}

	// From the topic's beginning on a first start: objects announced before api-service
	// ever ran are adopted too (an adoption of a managed object changes nothing). Only
	// committed announcements: an aborted one's WRITE was announced again.
	// Its own container factory does not get Boot's listener settings: auto-startup is
	// passed on here (tests without a broker turn the listeners off).
	@KafkaListener(id = "api-objects-created", topics = Topics.CREATED,
			containerFactory = "objectsCreatedContainerFactory",
			autoStartup = "${spring.kafka.listener.auto-startup:true}",
			properties = { "auto.offset.reset=earliest", "isolation.level=read_committed" })
	void onObjectCreated(ConsumerRecord<String, byte[]> record) throws InterruptedException {
		ObjectCreated created;
		try {
			created = JSON.readValue(record.value(), ObjectCreated.class);
		}
		catch (JacksonException ex) {
			count("unreadable");
			log.warn("Unreadable record on {}: {}", Topics.CREATED, ex.getOriginalMessage());
			return;
		}
		if (created.key() == null || created.key().isEmpty() || created.bucket() == null) {
			count("unreadable");
			log.warn("Record on {} without bucket or key: {}", Topics.CREATED, created);
			return;
		}
		String outcome = adopt(created);
		if (outcome.equals(AdoptStep.KNOWN)
				&& this.scrubber.checkBehindDimsBack(created.key(), created.bucket(), "a write").wrong() > 0) {
			outcome = REWRITTEN;
		}
		count(outcome);
		if (created.heldWrite() != null) {
			this.heldWrites.release(record, created.heldWrite(),
					outcome.equals(AdoptStep.ADOPTED) || outcome.equals(AdoptStep.KNOWN) || outcome.equals(REWRITTEN));
		}
	}

	private String adopt(ObjectCreated created) throws InterruptedException {
		if (!this.adopt) {
			return OFF;
		}
		long giveUpAt = System.nanoTime() + this.retryFor.toNanos();
		Duration wait = FIRST_WAIT;
		try {
			while (true) {
				try {
					return this.adopter.adoptCreated(created.bucket(), created.key());
				}
				catch (EndpointUnreachableException ex) {
					if (System.nanoTime() + wait.toNanos() > giveUpAt) {
						log.warn(
								"Object '{}' created in bucket {} not adopted: {} for {}; adopt it once the "
										+ "endpoint answers (scripts/adopt --endpoint NAME --prefix KEY)",
								created.key(), created.bucket(), ex.line(), this.retryFor);
						return "unreachable";
					}
					log.info("Object '{}' created in bucket {} waits: {}; trying again in {} s", created.key(),
							created.bucket(), ex.line(), wait.toSeconds());
					this.waiting.set(1);
					sleep(wait, created);
					wait = (wait.compareTo(MAX_WAIT.dividedBy(2)) < 0) ? wait.multipliedBy(2) : MAX_WAIT;
				}
			}
		}
		finally {
			this.waiting.set(0);
		}
	}

	/** Sleeps, or throws when the service stops (the transaction then rolls back). */
	private void sleep(Duration wait, ObjectCreated created) throws InterruptedException {
		long until = System.nanoTime() + wait.toNanos();
		while (System.nanoTime() < until) {
			if (this.closing) {
				throw new IllegalStateException("api-service is stopping: the announcement of '" + created.key()
						+ "' is read again at its next start");
			}
			Thread.sleep(Math.min(200, Math.max(1, (until - System.nanoTime()) / 1_000_000)));
		}
	}

	private void count(String outcome) {
		// Not "dim_objects_created": Prometheus takes a counter's "_created" suffix for
		// its creation time and the series came out as dim_objects_total.
		this.registry.counter("dim_notified_objects", "outcome", outcome).increment();
	}

}
