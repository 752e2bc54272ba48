package io.dim.stream.heat;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.Header;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.stereotype.Component;

import io.dim.model.stream.Topics;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;

/**
 * Sends records that are not usable events to dim.access.dlq, unchanged, with the reason
 * and their origin in headers. Sent and acknowledged before the batch's offsets are
 * stored: a crash in between may repeat a dead letter (the origin header identifies it),
 * never lose one.
 */
@Component
public class DeadLetters {

	private final KafkaTemplate<String, byte[]> kafka;

	private final MeterRegistry registry;

	/** The values of the counter's {@code reason} label ({@link #category}). */
	static final List<String> REASONS = List.of("invalid-json", "missing-field", "unknown-op", "negative-bytes",
			"future-timestamp", "unknown-key", "other");

	DeadLetters(KafkaTemplate<String, byte[]> kafka, MeterRegistry registry) {
		this.kafka = kafka;
		this.registry = registry;
		// Each at 0 from the start, so a rate over them has data before the first one.
		REASONS.forEach(this::counter);
	}

	public void send(List<Rejected> rejected) {
		if (rejected.isEmpty()) {
			return;
		}
		List<CompletableFuture<?>> sends = new ArrayList<>();
		for (Rejected r : rejected) {
			ProducerRecord<String, byte[]> record = new ProducerRecord<>(Topics.ACCESS_DLQ, r.record().key(),
					r.record().value());
			record.headers().add(Topics.REASON_HEADER, r.reason().getBytes(StandardCharsets.UTF_8));
			record.headers()
				.add(Topics.ORIGIN_HEADER,
						(r.record().topic() + "-" + r.record().partition() + "@" + r.record().offset())
							.getBytes(StandardCharsets.UTF_8));
			// A record to count once stays one when replayed.
			Header countOnce = r.record().headers().lastHeader(Topics.COUNT_ONCE_HEADER);
			if (countOnce != null) {
				record.headers().add(countOnce);
			}
			sends.add(this.kafka.send(record));
		}
		try {
			CompletableFuture.allOf(sends.toArray(CompletableFuture[]::new)).get(30, TimeUnit.SECONDS);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException("interrupted while dead-lettering", ex);
		}
		catch (ExecutionException | TimeoutException ex) {
			throw new IllegalStateException("could not dead-letter " + rejected.size() + " records", ex);
		}
	}

	/** Counts dead letters once their batch is committed. */
	public void count(List<Rejected> rejected) {
		for (Rejected r : rejected) {
			counter(category(r.reason())).increment();
		}
	}

	private Counter counter(String reason) {
		return Counter.builder("dim_events_dlq")
			.description("Access records sent to dim.access.dlq, by reason")
			.tag("reason", reason)
			.register(this.registry);
	}

	/** A bounded label for a free-text reason. */
	static String category(String reason) {
		String lower = reason.toLowerCase(Locale.ROOT);
		if (lower.startsWith("invalid json") || lower.startsWith("empty")) {
			return "invalid-json";
		}
		if (lower.startsWith("missing")) {
			return "missing-field";
		}
		if (lower.startsWith("unknown op")) {
			return "unknown-op";
		}
		if (lower.startsWith("negative")) {
			return "negative-bytes";
		}
		if (lower.startsWith("ts in the future")) {
			return "future-timestamp";
		}
		if (lower.startsWith("unknown key")) {
			return "unknown-key";
		}
		return "other";
	}

	/** A record and why it was rejected. */
	public record Rejected(ConsumerRecord<String, byte[]> record, String reason) {

	}

}
