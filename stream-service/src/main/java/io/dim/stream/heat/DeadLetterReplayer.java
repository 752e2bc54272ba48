package io.dim.stream.heat;

import java.io.OutputStream;
import java.io.PrintStream;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.env.Environment;
import org.springframework.dao.DataAccessException;
import org.springframework.stereotype.Component;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;

/**
 * Runs {@link DeadLetterReplay}: for the command {@code replay-dlq}, printing its
 * progress, and in stream-service every {@code dim.stream.dlq-replay-interval}, logging
 * what it did and how many dead letters wait for their object
 * ({@code dim_dead_letters_waiting}, as of its last run). Several instances may run it at
 * once: they share one transactional id, so Kafka fences all but the newest run, whose
 * work is then the same.
 */
@Component
public class DeadLetterReplayer {

	private static final Logger log = LoggerFactory.getLogger(DeadLetterReplayer.class);

	private final ManagedKeys managed;

	private final DeadLettersWaiting waiting;

	private final String bootstrapServers;

	private final Duration kafkaTimeout;

	private final AtomicLong waitingCount = new AtomicLong();

	/** Whether the last run of the service's own failed (its runs never overlap). */
	private volatile boolean failing;

	DeadLetterReplayer(ManagedKeys managed, DeadLettersWaiting waiting, Environment environment,
			MeterRegistry registry) {
		this.managed = managed;
		this.waiting = waiting;
		this.bootstrapServers = environment.getProperty("spring.kafka.bootstrap-servers", "localhost:9092");
		this.kafkaTimeout = Duration
			.ofMillis(environment.getProperty("spring.kafka.producer.properties.max.block.ms", Long.class, 10_000L));
		Gauge.builder("dim_dead_letters_waiting", this.waitingCount, AtomicLong::get)
			.description("Unknown-key dead letters waiting for their object to be adopted, as of the last replay")
			.register(registry);
	}

	/** One run, its progress and result printed on {@code out}. */
	public DeadLetterReplay.Summary replay(PrintStream out) {
		return new DeadLetterReplay(this.bootstrapServers, this.managed, this.waiting, out, this.kafkaTimeout).run();
	}

	/**
	 * One run of the service's own: its result is logged when it did anything, and a
	 * failure (Kafka or the database not answering, a run fenced by another instance's)
	 * in one line, for the next run to try again. During an outage only the first failure
	 * is logged (the others at debug), and the first run that works again says so.
	 */
	public Optional<DeadLetterReplay.Summary> replayQuietly() {
		try {
			DeadLetterReplay.Summary summary = replay(new PrintStream(OutputStream.nullOutputStream()));
			if (this.failing) {
				this.failing = false;
				log.info("replay-dlq works again");
			}
			if (summary.didAnything()) {
				log.info(summary.line());
			}
			this.waitingCount.set(summary.waitingInAll());
			return Optional.of(summary);
		}
		catch (org.apache.kafka.common.KafkaException | DataAccessException ex) {
			if (this.failing) {
				log.debug("replay-dlq did not finish again: {}", ex.toString());
			}
			else {
				this.failing = true;
				log.warn("replay-dlq did not finish, the next runs try again (their failures are not logged "
						+ "until one works): {}", ex.toString());
			}
			return Optional.empty();
		}
	}

}
