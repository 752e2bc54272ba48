package io.dim.stream.heat;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DataAccessException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.stereotype.Component;

import io.dim.model.stream.HeatChanged;
import io.dim.model.stream.Topics;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import tools.jackson.databind.json.JsonMapper;

/**
 * Publishes tier-band changes to dim.heat, keyed by object key, through an outbox: a
 * change is recorded in {@code heat_change_outbox} in the transaction that changes the
 * tier ({@link #record}), sent after the commit ({@link #publish}) and deleted once Kafka
 * has acknowledged it. A change left behind by a crash between the two or by a failed
 * send is sent again by {@link #resendLeftovers}, so api-service never misses a change it
 * should re-optimize for. It may see one twice, which costs a second look at the object.
 */
@Component
public class HeatChangePublisher {

	private static final Logger log = LoggerFactory.getLogger(HeatChangePublisher.class);

	private static final JsonMapper JSON = JsonMapper.builder().findAndAddModules().build();

	/** Changes this much older than their record are taken as left behind. */
	static final long LEFT_BEHIND_MILLIS = 30_000;

	private static final int CHUNK = 500;

	private final KafkaTemplate<String, byte[]> kafka;

	private final JdbcTemplate jdbc;

	private final Counter published;

	/** Ids of changes Kafka acknowledged, to delete from the outbox. */
	private final Queue<String> acknowledged = new ConcurrentLinkedQueue<>();

	HeatChangePublisher(KafkaTemplate<String, byte[]> kafka, JdbcTemplate jdbc, MeterRegistry registry) {
		this.kafka = kafka;
		this.jdbc = jdbc;
		this.published = Counter.builder("dim_heat_changes_published")
			.description("HeatChanged records published to dim.heat")
			.register(registry);
	}

	/**
	 * Records the changes in the outbox; call in the transaction that changes the tiers.
	 */
	void record(List<HeatChanged> changes) {
		long now = System.currentTimeMillis();
		this.jdbc.batchUpdate(
				"INSERT INTO heat_change_outbox (id, object_key, payload, created_at) VALUES (?, ?, ?, ?) "
						+ "ON CONFLICT (id) DO NOTHING",
				changes.stream()
					.map((c) -> new Object[] { id(c), c.key(),
							new String(JSON.writeValueAsBytes(c), StandardCharsets.UTF_8), now })
					.toList());
	}

	/**
	 * Sends recorded changes; each one Kafka acknowledges is deleted from the outbox at
	 * the next call (or resend), on the caller's thread, so a batch never waits for
	 * Kafka. A change not acknowledged stays there for {@link #resendLeftovers}.
	 */
	public void publish(List<HeatChanged> changes) {
		Map<String, HeatChanged> byId = new LinkedHashMap<>();
		changes.forEach((change) -> byId.put(id(change), change));
		sendAll(byId);
		forgetAcknowledged();
	}

	/** Sends again the changes left in the outbox by a crash or a failed send. */
	public int resendLeftovers() {
		forgetAcknowledged();
		Map<String, HeatChanged> left = new LinkedHashMap<>();
		this.jdbc.query(
				"SELECT id, payload FROM heat_change_outbox WHERE created_at < ? ORDER BY created_at LIMIT 1000",
				(row) -> {
					left.put(row.getString(1), JSON.readValue(row.getString(2), HeatChanged.class));
				}, System.currentTimeMillis() - LEFT_BEHIND_MILLIS);
		if (!left.isEmpty()) {
			log.info("Sending again {} tier change(s) left in the outbox", left.size());
			sendAll(left);
		}
		return left.size();
	}

	/**
	 * Sends each change until Kafka refuses one outright (no broker or no metadata for
	 * dim.heat within the producer's {@code max.block.ms}): the rest are not tried, as
	 * each would wait as long again, and all stay in the outbox for the next pass. The
	 * caller's batch is committed already, so the refusal is not its failure.
	 */
	private void sendAll(Map<String, HeatChanged> changes) {
		int sent = 0;
		for (Map.Entry<String, HeatChanged> change : changes.entrySet()) {
			try {
				send(change.getKey(), change.getValue());
				sent++;
			}
			catch (RuntimeException ex) {
				log.warn("Kafka refused tier changes for {} ({}): {} change(s) stay in the outbox and are sent again",
						Topics.HEAT, ex.getCause() != null ? ex.getCause().toString() : ex.toString(),
						changes.size() - sent);
				return;
			}
		}
	}

	private void send(String id, HeatChanged change) {
		this.kafka.send(Topics.HEAT, change.key(), JSON.writeValueAsBytes(change)).whenComplete((result, ex) -> {
			if (ex == null) {
				this.acknowledged.add(id);
				this.published.increment();
			}
			else {
				log.warn("Tier change of '{}' not published to {} ({}): it stays in the outbox and is sent again",
						change.key(), Topics.HEAT, ex.toString());
			}
		});
	}

	/**
	 * Deletes the changes Kafka has acknowledged from the outbox. When the database
	 * refuses (locked), they are kept for the next call: at worst one is sent twice.
	 */
	private void forgetAcknowledged() {
		List<String> ids = new ArrayList<>();
		for (String id = this.acknowledged.poll(); id != null; id = this.acknowledged.poll()) {
			ids.add(id);
		}
		try {
			for (int from = 0; from < ids.size(); from += CHUNK) {
				List<String> chunk = ids.subList(from, Math.min(ids.size(), from + CHUNK));
				this.jdbc.update("DELETE FROM heat_change_outbox WHERE id IN ("
						+ String.join(",", Collections.nCopies(chunk.size(), "?")) + ")", chunk.toArray());
			}
		}
		catch (DataAccessException ex) {
			this.acknowledged.addAll(ids);
			log.debug("Acknowledged tier changes not yet removed from the outbox: {}", ex.getMessage());
		}
	}

	/**
	 * The same change always has the same id (an object changes tier once an instant).
	 */
	private static String id(HeatChanged change) {
		return UUID
			.nameUUIDFromBytes((change.key() + '\n' + change.at().toEpochMilli() + '\n' + change.to())
				.getBytes(StandardCharsets.UTF_8))
			.toString();
	}

}
