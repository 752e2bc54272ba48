package io.dim.stream.heat;

import java.util.Collection;
import java.util.List;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

import io.dim.model.db.WriteTransactions;

/**
 * The dead letters of access events whose object DIM did not manage yet, by their place
 * in dim.access.dlq ({@code dead_letter_waiting}): what {@link DeadLetterReplay} sends
 * back once the object is adopted. Only places are kept; the events stay in the topic.
 */
@Component
public class DeadLettersWaiting {

	/** A dead letter's place in dim.access.dlq, and its object's key. */
	public record Letter(int partition, long offset, String key) {

	}

	private final JdbcTemplate jdbc;

	private final WriteTransactions transactions;

	public DeadLettersWaiting(JdbcTemplate jdbc, WriteTransactions transactions) {
		this.jdbc = jdbc;
		this.transactions = transactions;
	}

	/** Records these places (one already recorded is left as it is). */
	void record(List<Letter> letters) {
		if (letters.isEmpty()) {
			return;
		}
		long now = System.currentTimeMillis();
		this.transactions.run(() -> this.jdbc.batchUpdate(
				"INSERT INTO dead_letter_waiting (dlq_partition, dlq_offset, object_key, recorded_at) "
						+ "VALUES (?, ?, ?, ?) ON CONFLICT (dlq_partition, dlq_offset) DO NOTHING",
				letters.stream().map((l) -> new Object[] { l.partition(), l.offset(), l.key(), now }).toList()));
	}

	/**
	 * Up to {@code limit} waiting dead letters whose object is managed now, in topic
	 * order.
	 */
	List<Letter> ofManagedObjects(int limit) {
		return this.jdbc.query("SELECT w.dlq_partition, w.dlq_offset, w.object_key FROM dead_letter_waiting w "
				+ "JOIN file_meta f ON f.object_key = w.object_key " + "ORDER BY w.dlq_partition, w.dlq_offset LIMIT ?",
				(rs, i) -> new Letter(rs.getInt(1), rs.getLong(2), rs.getString(3)), limit);
	}

	void remove(Collection<Letter> letters) {
		if (letters.isEmpty()) {
			return;
		}
		this.transactions.run(() -> this.jdbc.batchUpdate(
				"DELETE FROM dead_letter_waiting WHERE dlq_partition = ? AND dlq_offset = ?",
				letters.stream().map((l) -> new Object[] { l.partition(), l.offset() }).toList()));
	}

	/**
	 * Removes the places of {@code partition} before {@code firstOffset}, which Kafka no
	 * longer holds; returns how many.
	 */
	int removeBefore(int partition, long firstOffset) {
		return this.jdbc.update("DELETE FROM dead_letter_waiting WHERE dlq_partition = ? AND dlq_offset < ?", partition,
				firstOffset);
	}

	/** How many dead letters wait for their object. */
	public long count() {
		return this.jdbc.queryForObject("SELECT COUNT(*) FROM dead_letter_waiting", Long.class);
	}

}
