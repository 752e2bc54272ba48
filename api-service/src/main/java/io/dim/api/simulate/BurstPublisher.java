package io.dim.api.simulate;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;

import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.KafkaException;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.kafka.autoconfigure.KafkaProperties;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.kafka.core.DefaultKafkaProducerFactory;
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
 * stream-service's consumer like any other access. The burst is one Kafka transaction:
 * stream-service reads committed records only, so a burst Kafka does not take whole
 * (broker gone mid-way, a timeout) is counted not at all, and asking again after a 503
 * does not count part of it twice. Returns once the transaction is committed.
 */
@Service
class BurstPublisher implements DisposableBean {

	private final DefaultKafkaProducerFactory<String, byte[]> producers;

	private final KafkaTemplate<String, byte[]> kafka;

	private final FileMetaRepository files;

	private final Clock clock = Clock.systemUTC();

	/**
	 * @param kafkaTimeout how long the burst may wait for the broker before it is given
	 * up ({@code dim.simulate.kafka-timeout})
	 */
	BurstPublisher(KafkaProperties properties, FileMetaRepository files,
			@Value("${dim.simulate.kafka-timeout:30s}") Duration kafkaTimeout) {
		Map<String, Object> config = new HashMap<>(properties.buildProducerProperties());
		config.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, (int) kafkaTimeout.toMillis());
		this.producers = new DefaultKafkaProducerFactory<>(config);
		// Unique per instance: instances sharing transactional ids would fence each
		// other.
		this.producers.setTransactionIdPrefix("dim-api-burst-" + UUID.randomUUID().toString().substring(0, 8) + "-");
		this.kafka = new KafkaTemplate<>(this.producers);
		this.files = files;
	}

	BurstResult publish(String key, int events) {
		FileMeta file = this.files.findById(key).orElseThrow(() -> new UnknownObjectException(key));
		Instant now = this.clock.instant();
		try {
			this.kafka.executeInTransaction((operations) -> {
				for (int i = 0; i < events; i++) {
					AccessEvent event = new AccessEvent(UUID.randomUUID().toString(), key, AccessOp.READ,
							file.getSizeBytes(), now, "api-burst");
					operations.send(Topics.ACCESS, key, AccessEventCodec.toJson(event));
				}
				return null;
			});
		}
		catch (KafkaException | org.springframework.kafka.KafkaException ex) {
			throw new ErrorResponseException(HttpStatus.SERVICE_UNAVAILABLE,
					ProblemDetail.forStatusAndDetail(HttpStatus.SERVICE_UNAVAILABLE,
							"Kafka did not take the burst, so none of it was published: " + ex.getMessage()),
					null);
		}
		return new BurstResult(key, events, Topics.ACCESS);
	}

	@Override
	public void destroy() {
		this.producers.destroy();
	}

	/** What was published. */
	record BurstResult(String key, int events, String topic) {

	}

}
