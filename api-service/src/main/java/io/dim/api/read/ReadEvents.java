package io.dim.api.read;

import java.time.Clock;
import java.util.UUID;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.stereotype.Component;

import io.dim.model.file.FileMeta;
import io.dim.model.stream.AccessEvent;
import io.dim.model.stream.AccessEventCodec;
import io.dim.model.stream.AccessOp;
import io.dim.model.stream.Topics;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;

/**
 * Records reads served through DIM as READ access events on dim.access, off the request's
 * thread: with Kafka down, the producer waits up to its {@code max.block.ms} for the
 * topic's metadata and then refuses the send, and a read must neither wait for that nor
 * fail because of it. Best effort: events that cannot be sent, or that find
 * {@link #QUEUED} others still waiting, are dropped and counted
 * ({@code dim_read_events_dropped_total}).
 */
@Component
class ReadEvents implements DisposableBean {

	private static final Logger log = LoggerFactory.getLogger(ReadEvents.class);

	/** Read events waiting to be handed to Kafka, at most. */
	static final int QUEUED = 10_000;

	private final KafkaTemplate<String, byte[]> kafka;

	private final Clock clock = Clock.systemUTC();

	private final Counter dropped;

	private final ThreadPoolExecutor sender = new ThreadPoolExecutor(1, 1, 0, TimeUnit.MILLISECONDS,
			new ArrayBlockingQueue<>(QUEUED), (runnable) -> {
				Thread thread = new Thread(runnable, "read-events");
				thread.setDaemon(true);
				return thread;
			});

	ReadEvents(KafkaTemplate<String, byte[]> kafka, MeterRegistry registry) {
		this.kafka = kafka;
		this.dropped = Counter.builder("dim_read_events_dropped")
			.description("Reads served but not recorded on dim.access (Kafka refused them or too many were waiting)")
			.register(registry);
	}

	/** Records a read of {@code meta}'s object; never waits for Kafka. */
	void recordRead(FileMeta meta) {
		AccessEvent event = new AccessEvent(UUID.randomUUID().toString(), meta.getObjectKey(), AccessOp.READ,
				meta.getSizeBytes(), this.clock.instant(), "api-read");
		try {
			this.sender.execute(() -> send(event));
		}
		catch (RejectedExecutionException ex) {
			this.dropped.increment();
		}
	}

	private void send(AccessEvent event) {
		try {
			this.kafka.send(Topics.ACCESS, event.key(), AccessEventCodec.toJson(event)).whenComplete((result, ex) -> {
				if (ex != null) {
					notRecorded(event, ex);
				}
			});
		}
		catch (RuntimeException ex) {
			notRecorded(event, ex);
		}
	}

	private void notRecorded(AccessEvent event, Throwable ex) {
		this.dropped.increment();
		log.warn("Could not record a read of '{}' on {}: {}", event.key(), Topics.ACCESS,
				(ex.getCause() != null) ? ex.getCause().toString() : ex.toString());
	}

	/**
	 * Hands the events still queued to Kafka before the producer closes (it is destroyed
	 * after this bean), for at most 5 s: with Kafka down, the rest are dropped.
	 */
	@Override
	public void destroy() throws InterruptedException {
		this.sender.shutdown();
		if (!this.sender.awaitTermination(5, TimeUnit.SECONDS)) {
			this.sender.shutdownNow();
		}
	}

}
