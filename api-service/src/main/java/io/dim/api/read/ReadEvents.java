package io.dim.api.read;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.KafkaException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.beans.factory.InitializingBean;
import org.springframework.dao.DataAccessException;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.stereotype.Component;

import io.dim.api.cluster.ClusterLock;
import io.dim.model.file.FileMeta;
import io.dim.model.stream.AccessEvent;
import io.dim.model.stream.AccessEventCodec;
import io.dim.model.stream.AccessOp;
import io.dim.model.stream.Topics;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;

/**
 * Records reads served through DIM as READ access events on dim.access, off the request's
 * thread: with Kafka down, the producer waits up to its {@code max.block.ms} for the
 * topic's metadata and then refuses the send, and a read must neither wait for that nor
 * fail because of it.
 * <p>
 * A sender thread hands the events to Kafka. An event Kafka refuses, or takes and then
 * fails to write, is put in the database ({@link ReadEventSpool}); after a refusal every
 * new event goes there directly, as each send would wait as long again. A second thread,
 * every {@code dim.read-events.resend-interval}, sends the spooled events again, oldest
 * first, in one instance of the cluster at a time, and deletes them once Kafka has
 * acknowledged them; when Kafka takes them, new events go to Kafka again. An event whose
 * send failed after Kafka had taken it may have been written all the same (a lost
 * acknowledgement): it is looked for on dim.access first ({@link WrittenReadEvents}), and
 * only deleted from the spool when found there. So a Kafka outage delays the counting of
 * reads instead of losing it, and the sender waits for a Kafka that is down once (in an
 * instance that does not hold the lock, once an interval). An event is dropped, and
 * counted ({@code dim_read_events_dropped_total}), only when {@link #QUEUED} others wait
 * for the sender, the spool is full ({@code dim.read-events.spool-max}) or the database
 * refuses it. An instance killed between Kafka's acknowledgement and the delete sends
 * those events again; they carry their id in the {@code dim-count-once} header, and
 * stream-service counts each such event id once (docs/decisions/010).
 */
@Component
class ReadEvents implements InitializingBean, DisposableBean {

	private static final Logger log = LoggerFactory.getLogger(ReadEvents.class);

	/** Read events waiting for the sender thread, at most. */
	static final int QUEUED = 10_000;

	/** Events handed over, and spooled events sent again, in one go at most. */
	private static final int CHUNK = 1_000;

	private static final String LOCK = "read-event-spool";

	private final KafkaTemplate<String, byte[]> kafka;

	private final ReadEventSpool spool;

	private final WrittenReadEvents writtenEvents;

	private final ClusterLock clusterLock;

	private final ReadEventsProperties properties;

	private final Clock clock = Clock.systemUTC();

	private final Counter dropped;

	private final Counter resent;

	private final Counter foundWritten;

	private final BlockingQueue<AccessEvent> queue = new LinkedBlockingQueue<>(QUEUED);

	/**
	 * Events Kafka took but whose send then failed, so it may have written them; the
	 * sender thread spools them.
	 */
	private final Queue<AccessEvent> failed = new ConcurrentLinkedQueue<>();

	private final Thread sender = Thread.ofPlatform().name("read-events").daemon().unstarted(this::sendUntilStopped);

	private final ScheduledExecutorService resender = Executors
		.newSingleThreadScheduledExecutor(Thread.ofPlatform().name("read-events-resend").daemon().factory());

	private volatile boolean running = true;

	/** Kafka refused an event: new ones go to the spool until a resend gets through. */
	private volatile boolean refused;

	/** Events in the spool, as last counted or changed here. */
	private final AtomicInteger spooled = new AtomicInteger();

	ReadEvents(KafkaTemplate<String, byte[]> kafka, ReadEventSpool spool, WrittenReadEvents writtenEvents,
			ClusterLock clusterLock, ReadEventsProperties properties, MeterRegistry registry) {
		this.kafka = kafka;
		this.spool = spool;
		this.writtenEvents = writtenEvents;
		this.clusterLock = clusterLock;
		this.properties = properties;
		this.dropped = Counter.builder("dim_read_events_dropped")
			.description("Reads served but never recorded on dim.access (too many waiting, spool full or refused)")
			.register(registry);
		this.resent = Counter.builder("dim_read_events_resent")
			.description("Spooled read events sent to dim.access once Kafka took them")
			.register(registry);
		this.foundWritten = Counter.builder("dim_read_events_found_written")
			.description("Spooled read events found on dim.access already (their send had failed after Kafka "
					+ "wrote them): deleted, not sent again")
			.register(registry);
		Gauge.builder("dim_read_events_spooled", this.spooled, AtomicInteger::get)
			.description("Read events waiting in the database for Kafka to take them")
			.register(registry);
	}

	@Override
	public void afterPropertiesSet() {
		this.sender.start();
		this.resender.execute(() -> {
			try {
				this.spooled.set(this.spool.size());
			}
			catch (DataAccessException ex) {
				log.warn("Read events: cannot count the spooled ones: {}", ex.getMostSpecificCause().toString());
			}
		});
		// The first round once the service has started: what a previous run left.
		long interval = this.properties.resendInterval().toMillis();
		this.resender.scheduleWithFixedDelay(this::resendRound, interval, interval, TimeUnit.MILLISECONDS);
	}

	/** Records a read of {@code meta}'s object; never waits for Kafka. */
	void recordRead(FileMeta meta) {
		recordRead(meta, meta.getSizeBytes());
	}

	/** Records a read of {@code bytes} of {@code meta}'s object (a part of it). */
	void recordRead(FileMeta meta, long bytes) {
		AccessEvent event = new AccessEvent(UUID.randomUUID().toString(), meta.getObjectKey(), AccessOp.READ, bytes,
				this.clock.instant(), "api-read");
		if (!this.queue.offer(event)) {
			this.dropped.increment();
		}
	}

	private void sendUntilStopped() {
		while (this.running) {
			try {
				AccessEvent first = this.queue.poll(200, TimeUnit.MILLISECONDS);
				if (first != null) {
					List<AccessEvent> events = new ArrayList<>();
					events.add(first);
					this.queue.drainTo(events, CHUNK - 1);
					handOver(events);
				}
				spoolFailed();
			}
			catch (InterruptedException ex) {
				break;
			}
			catch (RuntimeException ex) {
				log.warn("Read events: {}", ex.toString());
			}
		}
		// Stopping: what is left waits in the database for the next start or another
		// instance, rather than for a Kafka that may be down. Not interrupted, so the
		// connection pool hands out a connection.
		Thread.interrupted();
		spool(takeFailed(), true);
		List<AccessEvent> left = new ArrayList<>();
		this.queue.drainTo(left);
		spool(left, false);
	}

	/** Sends the events, or spools them while Kafka refuses. */
	private void handOver(List<AccessEvent> events) {
		if (this.refused) {
			spool(events, false);
			return;
		}
		for (int i = 0; i < events.size(); i++) {
			AccessEvent event = events.get(i);
			try {
				this.kafka.send(Topics.ACCESS, event.key(), AccessEventCodec.toJson(event))
					.whenComplete((result, ex) -> {
						if (ex != null) {
							log.debug("Read of '{}' not written to {}: {}", event.key(), Topics.ACCESS, ex.toString());
							this.failed.add(event);
						}
					});
			}
			catch (RuntimeException ex) {
				this.refused = true;
				log.warn("Kafka refused read events for {} ({}): reads are spooled in the database and sent when it "
						+ "takes them", Topics.ACCESS, rootCause(ex));
				// Interrupted while waiting for Kafka (stopping): the connection pool
				// refuses an interrupted thread, so the flag waits until they are
				// spooled.
				boolean interrupted = Thread.interrupted();
				spool(events.subList(i, events.size()), false);
				if (interrupted) {
					Thread.currentThread().interrupt();
				}
				return;
			}
		}
	}

	/** Spools the events whose send failed after Kafka took them. */
	private void spoolFailed() {
		List<AccessEvent> failed = takeFailed();
		if (!failed.isEmpty()) {
			log.warn("{} read event(s) whose send to {} failed: spooled in the database, to be sent again unless "
					+ "Kafka wrote them after all", failed.size(), Topics.ACCESS);
			spool(failed, true);
		}
	}

	private List<AccessEvent> takeFailed() {
		List<AccessEvent> events = new ArrayList<>();
		for (AccessEvent event = this.failed.poll(); event != null; event = this.failed.poll()) {
			events.add(event);
		}
		return events;
	}

	/**
	 * Puts the events in the database; those that do not fit or are refused are dropped.
	 * @param maybeWritten whether Kafka had taken them before their send failed
	 */
	private void spool(List<AccessEvent> events, boolean maybeWritten) {
		if (events.isEmpty()) {
			return;
		}
		int room = Math.max(0, this.properties.spoolMax() - this.spooled.get());
		List<AccessEvent> kept = events.subList(0, Math.min(room, events.size()));
		if (kept.size() < events.size()) {
			this.dropped.increment(events.size() - kept.size());
			log.warn("{} read event(s) dropped: the spool is full (dim.read-events.spool-max={})",
					events.size() - kept.size(), this.properties.spoolMax());
		}
		if (kept.isEmpty()) {
			return;
		}
		try {
			if (maybeWritten) {
				this.spool.addMaybeWritten(kept);
			}
			else {
				this.spool.add(kept);
			}
			this.spooled.addAndGet(kept.size());
		}
		catch (DataAccessException ex) {
			this.dropped.increment(kept.size());
			log.warn("{} read event(s) dropped: the database did not take them either ({})", kept.size(),
					ex.getMostSpecificCause().toString());
		}
	}

	/** Sends spooled events again, chunk after chunk while Kafka takes them whole. */
	private void resendRound() {
		try {
			while (this.running && resendChunk()) {
				// next chunk
			}
		}
		catch (RuntimeException ex) {
			log.warn("Read events: spooled events not sent again this round: {}", rootCause(ex));
		}
	}

	/**
	 * Sends the oldest spooled events and deletes those Kafka acknowledges, in the one
	 * instance of the cluster holding the lock, so no event is sent by two. Clears the
	 * refusal when Kafka takes them or when there is nothing this instance can test Kafka
	 * with (the sender then finds out with its next event).
	 * @return whether more are waiting and Kafka took this chunk whole
	 */
	private boolean resendChunk() {
		int waiting = this.spool.size();
		this.spooled.set(waiting);
		if (waiting == 0 || !this.clusterLock.hold(LOCK, this.properties.resendInterval().multipliedBy(3))) {
			this.refused = false;
			return false;
		}
		List<ReadEventSpool.Spooled> oldest = this.spool.oldest(CHUNK);
		List<ReadEventSpool.Spooled> chunk;
		try {
			chunk = withoutWritten(oldest);
		}
		catch (KafkaException ex) {
			log.info(
					"Kafka cannot be read ({}): {} read event(s) it may have written, and {} in all, wait in the "
							+ "database",
					ex.toString(), oldest.stream().filter(ReadEventSpool.Spooled::maybeWritten).count(), waiting);
			return false;
		}
		List<CompletableFuture<?>> sends = new ArrayList<>();
		for (ReadEventSpool.Spooled event : chunk) {
			try {
				ProducerRecord<String, byte[]> record = new ProducerRecord<>(Topics.ACCESS, event.key(),
						event.payload());
				// stream-service counts each id with this header once: a resend after a
				// crash between the acknowledgement and the delete is skipped.
				record.headers().add(Topics.COUNT_ONCE_HEADER, event.eventId().getBytes(StandardCharsets.UTF_8));
				sends.add(this.kafka.send(record));
			}
			catch (RuntimeException ex) {
				log.info("Kafka still refuses read events ({}): {} wait in the database", rootCause(ex), waiting);
				break;
			}
		}
		// Until each send is acknowledged or has failed (at most the producer's
		// delivery.timeout.ms).
		this.kafka.flush();
		List<String> taken = new ArrayList<>();
		for (int i = 0; i < sends.size(); i++) {
			if (sends.get(i).isDone() && !sends.get(i).isCompletedExceptionally()) {
				taken.add(chunk.get(i).eventId());
			}
		}
		this.spool.remove(taken);
		this.resent.increment(taken.size());
		this.spooled.addAndGet(-taken.size());
		if (!taken.isEmpty()) {
			this.refused = false;
			log.info("Sent {} spooled read event(s) to {}; {} still spooled", taken.size(), Topics.ACCESS,
					this.spooled.get());
		}
		return taken.size() == chunk.size() && waiting > oldest.size();
	}

	/**
	 * Deletes from the spool, and leaves out of {@code chunk}, the events Kafka had
	 * written although their send failed.
	 */
	private List<ReadEventSpool.Spooled> withoutWritten(List<ReadEventSpool.Spooled> chunk) {
		Set<String> written = this.writtenEvents
			.among(chunk.stream().filter(ReadEventSpool.Spooled::maybeWritten).toList());
		if (written.isEmpty()) {
			return chunk;
		}
		this.spool.remove(List.copyOf(written));
		this.foundWritten.increment(written.size());
		this.spooled.addAndGet(-written.size());
		log.info("{} spooled read event(s) found on {} already (Kafka had written them, though their send failed): "
				+ "not sent again", written.size(), Topics.ACCESS);
		return chunk.stream().filter((event) -> !written.contains(event.eventId())).toList();
	}

	private static String rootCause(RuntimeException ex) {
		return (ex.getCause() != null) ? ex.getCause().toString() : ex.toString();
	}

	/**
	 * Stops both threads; events still queued are spooled in the database (it and the
	 * producer are destroyed after this bean), so none is lost by a restart.
	 */
	@Override
	public void destroy() throws InterruptedException {
		this.running = false;
		this.resender.shutdownNow();
		this.sender.join(Duration.ofSeconds(5));
		if (this.sender.isAlive()) {
			// Blocked in a send waiting for Kafka: interrupted, it spools what is left.
			this.sender.interrupt();
			this.sender.join(Duration.ofSeconds(5));
		}
		this.resender.awaitTermination(5, TimeUnit.SECONDS);
	}

}
