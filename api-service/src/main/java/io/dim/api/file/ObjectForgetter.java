package io.dim.api.file;

import java.util.ArrayList;
import java.util.List;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpStatus;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ResponseStatusException;

import io.dim.api.s3.S3Clients;
import io.dim.api.s3.S3Errors;
import io.dim.model.db.WriteTransactions;
import io.dim.model.endpoint.EndpointCatalog;
import io.dim.model.endpoint.EndpointConfig;
import io.dim.model.file.FileMetaRepository;
import io.dim.model.stream.ObjectForgotten;
import io.dim.model.stream.Topics;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import software.amazon.awssdk.core.exception.SdkException;
import tools.jackson.databind.json.JsonMapper;

/**
 * {@code POST /files/{key}/forget}: takes an object out of the catalogue once its owner
 * has removed it from every bucket. DIM never deletes the bytes of an object here: it
 * asks every endpoint first and refuses (409) while any bucket still holds the key, and
 * when an endpoint cannot be asked (503), so that nothing it could still read is
 * forgotten. Without this, an object deleted everywhere stayed in the catalogue for good,
 * its replicas reported missing by every scrub. Its replicas, heat, history and placement
 * decisions go; its unfinished migration tasks are failed with the reason (the task log
 * keeps them); a running copy makes it wait (409). The forget is announced on
 * dim.objects.forgotten, so stream-service stops counting the object's events at once.
 */
@Component
public class ObjectForgetter {

	private static final Logger log = LoggerFactory.getLogger(ObjectForgetter.class);

	static final String REASON = "the object was forgotten: removed from every bucket by its owner";

	private final FileMetaRepository files;

	private final S3Clients clients;

	private final EndpointCatalog catalog;

	private final JdbcTemplate jdbc;

	private final WriteTransactions transactions;

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private final Counter forgotten;

	private final KafkaTemplate<String, byte[]> kafka;

	ObjectForgetter(FileMetaRepository files, S3Clients clients, EndpointCatalog catalog, JdbcTemplate jdbc,
			WriteTransactions transactions, KafkaTemplate<String, byte[]> kafka, MeterRegistry registry) {
		this.files = files;
		this.clients = clients;
		this.catalog = catalog;
		this.jdbc = jdbc;
		this.transactions = transactions;
		this.kafka = kafka;
		this.forgotten = Counter.builder("dim_objects_forgotten")
			.description("Objects taken out of the catalogue after their removal from every bucket")
			.register(registry);
	}

	/**
	 * Forgets the object when no endpoint's bucket holds its key.
	 * @throws UnknownObjectException when DIM does not manage it (404)
	 * @throws ResponseStatusException 409 while a bucket holds it or a copy of it runs,
	 * 503 when an endpoint cannot be asked
	 */
	public ForgetReport forget(String key) {
		if (!this.files.existsById(key)) {
			throw new UnknownObjectException(key);
		}
		List<String> holding = new ArrayList<>();
		for (EndpointConfig endpoint : this.catalog.all()) {
			try {
				if (this.clients.holds(endpoint.name(), key)) {
					holding.add(endpoint.name());
				}
			}
			catch (SdkException ex) {
				throw new ResponseStatusException(HttpStatus.SERVICE_UNAVAILABLE,
						"endpoint '" + endpoint.name() + "' could not be asked whether it holds '" + key + "' ("
								+ S3Errors.describe(ex) + "): nothing forgotten, try again when it answers");
			}
		}
		if (!holding.isEmpty()) {
			throw new ResponseStatusException(HttpStatus.CONFLICT,
					"'" + key + "' is still in the bucket of " + String.join(", ", holding)
							+ ": DIM forgets only an object removed from every bucket (nothing forgotten)");
		}
		ForgetReport report = this.transactions.execute(() -> forgetRows(key));
		this.forgotten.increment();
		log.warn("Object '{}' forgotten: no endpoint's bucket holds it any more ({})", key, report);
		announce(key);
		return report;
	}

	/**
	 * Best effort: if Kafka does not take it (or refuses it outright, with no broker),
	 * stream-service stops counting the object's events when its managed-key cache
	 * expires (a minute), and its decayer removes the heat counted meanwhile. The forget
	 * is done either way, and the answer says so.
	 */
	private void announce(String key) {
		try {
			this.kafka.send(Topics.FORGOTTEN, key, JSON.writeValueAsBytes(new ObjectForgotten(key)))
				.whenComplete((result, ex) -> {
					if (ex != null) {
						notAnnounced(key, ex);
					}
				});
		}
		catch (RuntimeException ex) {
			notAnnounced(key, ex);
		}
	}

	private static void notAnnounced(String key, Throwable ex) {
		log.warn("Could not announce the forget of '{}' on {}: {}", key, Topics.FORGOTTEN,
				(ex.getCause() != null) ? ex.getCause().toString() : ex.toString());
	}

	private ForgetReport forgetRows(String key) {
		Integer running = this.jdbc.queryForObject(
				"SELECT COUNT(*) FROM migration_task WHERE object_key = ? AND state = 'RUNNING'", Integer.class, key);
		if (running != null && running > 0) {
			throw new ResponseStatusException(HttpStatus.CONFLICT,
					"a migration task of '" + key + "' is running: try again when it ends (nothing forgotten)");
		}
		long now = System.currentTimeMillis();
		int tasks = this.jdbc.update("UPDATE migration_task SET state = 'FAILED', last_error = ?, updated_at = ? "
				+ "WHERE object_key = ? AND state IN ('PENDING', 'RETRY')", REASON, now, key);
		this.jdbc.update("UPDATE migration_job SET state = 'FAILED', reason = ?, updated_at = ?, finished_at = ? "
				+ "WHERE object_key = ? AND state IN ('PENDING', 'RUNNING')", REASON, now, now, key);
		int replicas = this.jdbc.update("DELETE FROM replica WHERE object_key = ?", key);
		this.jdbc.update("DELETE FROM file_heat WHERE object_key = ?", key);
		int history = this.jdbc.update("DELETE FROM access_bucket WHERE object_key = ?", key);
		this.jdbc.update("DELETE FROM placement_decision WHERE object_key = ?", key);
		this.jdbc.update("DELETE FROM file_meta WHERE object_key = ?", key);
		return new ForgetReport(key, this.catalog.all().size(), replicas, history, tasks);
	}

	/**
	 * What {@code POST /files/{key}/forget} did.
	 *
	 * @param key the object forgotten
	 * @param endpointsAsked endpoints asked whether they hold it (every one: none did)
	 * @param replicasForgotten replica records removed
	 * @param historyBuckets access-history buckets removed
	 * @param tasksFailed unfinished migration tasks failed with the reason
	 */
	public record ForgetReport(String key, int endpointsAsked, int replicasForgotten, int historyBuckets,
			int tasksFailed) {

	}

}
