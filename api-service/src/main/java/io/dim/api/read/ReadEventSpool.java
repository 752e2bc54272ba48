package io.dim.api.read;

import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.List;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

import io.dim.model.stream.AccessEvent;
import io.dim.model.stream.AccessEventCodec;

/**
 * The READ access events waiting in the database ({@code read_event_spool}) for Kafka to
 * take them: shared by every api-service instance and kept across restarts.
 */
@Component
class ReadEventSpool {

	/**
	 * A spooled event: its id, the object's key (the record's key), its JSON, and whether
	 * Kafka may have written it already (its send failed after Kafka had taken it).
	 */
	record Spooled(String eventId, String key, byte[] payload, boolean maybeWritten) {
	}

	private final JdbcTemplate jdbc;

	ReadEventSpool(JdbcTemplate jdbc) {
		this.jdbc = jdbc;
	}

	/** Spools events Kafka never took (it refused them, or they were not sent). */
	void add(List<AccessEvent> events) {
		insert(events, false);
	}

	/**
	 * Spools events whose send failed after Kafka had taken them: it may have written
	 * them all the same (a lost acknowledgement), so they are looked for before being
	 * sent again.
	 */
	void addMaybeWritten(List<AccessEvent> events) {
		insert(events, true);
	}

	private void insert(List<AccessEvent> events, boolean maybeWritten) {
		long now = System.currentTimeMillis();
		this.jdbc.batchUpdate(
				"INSERT INTO read_event_spool (event_id, object_key, payload, spooled_at, maybe_written) "
						+ "VALUES (?, ?, ?, ?, ?) ON CONFLICT (event_id) DO NOTHING",
				events.stream()
					.map((e) -> new Object[] { e.eventId(), e.key(),
							new String(AccessEventCodec.toJson(e), StandardCharsets.UTF_8), now, maybeWritten })
					.toList());
	}

	/** The {@code limit} events spooled first. */
	List<Spooled> oldest(int limit) {
		return this.jdbc.query(
				"SELECT event_id, object_key, payload, maybe_written FROM read_event_spool "
						+ "ORDER BY spooled_at, event_id LIMIT ?",
				(row, i) -> new Spooled(row.getString(1), row.getString(2),
						row.getString(3).getBytes(StandardCharsets.UTF_8), row.getBoolean(4)),
				limit);
	}

	void remove(List<String> eventIds) {
		if (!eventIds.isEmpty()) {
			this.jdbc.update("DELETE FROM read_event_spool WHERE event_id IN ("
					+ String.join(",", Collections.nCopies(eventIds.size(), "?")) + ")", eventIds.toArray());
		}
	}

	int size() {
		Integer count = this.jdbc.queryForObject("SELECT COUNT(*) FROM read_event_spool", Integer.class);
		return (count != null) ? count : 0;
	}

}
