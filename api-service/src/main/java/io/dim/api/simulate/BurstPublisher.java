package io.dim.api.simulate;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.stereotype.Service;
import org.springframework.web.ErrorResponseException;

import io.dim.api.file.UnknownObjectException;
import io.dim.model.file.FileMeta;
import io.dim.model.file.FileMetaRepository;
import io.dim.model.stream.AccessEvent;
import io.dim.model.stream.AccessEventCodec;
import io.dim.model.stream.AccessOp;
import io.dim.model.stream.Topics;

/**
 * Publishes a burst of read events for one object to dim.access, so that it flows through
 * stream-service's consumer like any other access. Returns once the broker has
 * acknowledged every event.
 */
@Service
class BurstPublisher {

	private final KafkaTemplate<String, byte[]> kafka;

	private final FileMetaRepository files;

	private final Clock clock = Clock.systemUTC();

	BurstPublisher(KafkaTemplate<String, byte[]> kafka, FileMetaRepository files) {
		this.kafka = kafka;
		this.files = files;
	}

	BurstResult publish(String key, int events) {
		FileMeta file = this.files.findById(key).orElseThrow(() -> new UnknownObjectException(key));
		Instant now = this.clock.instant();
		List<CompletableFuture<?>> sends = new ArrayList<>(events);
		for (int i = 0; i < events; i++) {
			AccessEvent event = new AccessEvent(UUID.randomUUID().toString(), key, AccessOp.READ, file.getSizeBytes(),
					now, "api-burst");
			sends.add(this.kafka.send(Topics.ACCESS, key, AccessEventCodec.toJson(event)));
		}
		try {
			CompletableFuture.allOf(sends.toArray(CompletableFuture[]::new)).get(30, TimeUnit.SECONDS);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw unavailable("interrupted while publishing");
		}
		catch (ExecutionException | TimeoutException ex) {
			throw unavailable("Kafka did not acknowledge the burst: " + ex.getMessage());
		}
		return new BurstResult(key, events, Topics.ACCESS);
	}

	private static ErrorResponseException unavailable(String detail) {
		return new ErrorResponseException(HttpStatus.SERVICE_UNAVAILABLE,
				ProblemDetail.forStatusAndDetail(HttpStatus.SERVICE_UNAVAILABLE, detail), null);
	}

	/** What was published. */
	record BurstResult(String key, int events, String topic) {

	}

}
