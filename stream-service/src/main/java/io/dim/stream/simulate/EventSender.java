package io.dim.stream.simulate;

import java.io.PrintStream;
import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;

import org.apache.kafka.clients.producer.ProducerRecord;
import org.springframework.kafka.core.KafkaTemplate;

import io.dim.model.stream.AccessEvent;
import io.dim.model.stream.AccessEventCodec;
import io.dim.model.stream.AccessOp;
import io.dim.model.stream.Topics;

/**
 * Sends generated events to dim.access at a steady rate (0: as fast as possible),
 * printing progress once a second, until a count is reached or it is told to stop. Ends
 * with an {@link IllegalStateException} naming how many events Kafka did not take, so a
 * summary never claims events that were not sent.
 */
final class EventSender {

	private final KafkaTemplate<String, byte[]> kafka;

	private final PrintStream out;

	private final Clock clock = Clock.systemUTC();

	EventSender(KafkaTemplate<String, byte[]> kafka, PrintStream out) {
		this.kafka = kafka;
		this.out = out;
	}

	/**
	 * @param limit events to send, or a negative number for no limit
	 */
	Summary send(EventSource generator, long limit, double rate, BooleanSupplier stop, String label) {
		long started = System.nanoTime();
		long nextReport = started + Duration.ofSeconds(1).toNanos();
		long sent = 0;
		long reads = 0;
		Map<String, Long> perKey = new HashMap<>();
		AtomicLong failed = new AtomicLong();
		AtomicReference<Throwable> firstFailure = new AtomicReference<>();
		while ((limit < 0 || sent < limit) && !stop.getAsBoolean()) {
			if (rate > 0) {
				long due = started + (long) (sent * 1e9 / rate);
				long wait = due - System.nanoTime();
				if (wait > 0) {
					LockSupport.parkNanos(wait);
				}
			}
			AccessEvent event = generator.next(this.clock.instant());
			try {
				this.kafka.send(new ProducerRecord<>(Topics.ACCESS, event.key(), AccessEventCodec.toJson(event)))
					.whenComplete((result, ex) -> {
						if (ex != null) {
							failed.incrementAndGet();
							firstFailure.compareAndSet(null, ex);
						}
					});
			}
			catch (RuntimeException ex) {
				// No broker, or no metadata for the topic within max.block.ms.
				this.kafka.flush();
				throw new IllegalStateException("Kafka refused the events (" + rootMessage(ex) + "); " + ((sent == 0)
						? "none was sent" : (sent - failed.get()) + " of the " + sent + " sent before were taken"));
			}
			sent++;
			reads += (event.op() == AccessOp.READ) ? 1 : 0;
			perKey.merge(event.key(), 1L, Long::sum);
			if (System.nanoTime() >= nextReport) {
				double seconds = (System.nanoTime() - started) / 1e9;
				this.out.printf(Locale.ROOT, "%s: %d%s events sent (%.1f/s)%n", label, sent,
						(limit < 0) ? "" : "/" + limit, sent / seconds);
				nextReport += Duration.ofSeconds(1).toNanos();
			}
		}
		this.kafka.flush();
		if (failed.get() > 0) {
			throw new IllegalStateException(failed.get() + " of " + sent + " events were not taken by Kafka ("
					+ rootMessage(firstFailure.get()) + ")");
		}
		return new Summary(sent, reads, sent - reads, perKey, (System.nanoTime() - started) / 1e9);
	}

	/** The message of the innermost cause: the one that names what went wrong. */
	static String rootMessage(Throwable ex) {
		Throwable root = ex;
		while (root.getCause() != null) {
			root = root.getCause();
		}
		return root.getMessage();
	}

	/** What was sent. */
	record Summary(long events, long reads, long writes, Map<String, Long> perKey, double seconds) {

		String hottest(int n) {
			return this.perKey.entrySet()
				.stream()
				.sorted(Map.Entry.<String, Long>comparingByValue().reversed())
				.limit(n)
				.map((e) -> e.getKey() + " (" + e.getValue() + ")")
				.reduce((a, b) -> a + ", " + b)
				.orElse("none");
		}

	}

}
