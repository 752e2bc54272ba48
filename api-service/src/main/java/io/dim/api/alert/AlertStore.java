package io.dim.api.alert;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

import io.dim.model.db.WriteTransactions;

/**
 * The alert table: one live (OPEN or ACKED) alert per rule and subject, RESOLVED ones
 * kept as history.
 */
@Component
class AlertStore {

	static final String OPEN = "OPEN";

	static final String ACKED = "ACKED";

	static final String RESOLVED = "RESOLVED";

	private static final String COLUMNS = "id, rule, subject, severity, state, message, opened_at, acked_at, resolved_at";

	private final JdbcTemplate jdbc;

	private final WriteTransactions transactions;

	AlertStore(JdbcTemplate jdbc, WriteTransactions transactions) {
		this.jdbc = jdbc;
		this.transactions = transactions;
	}

	/** What a round changed. */
	record Changes(int opened, int updated, int resolved) {

	}

	/**
	 * Records a round of the given rules: opens an alert for each new condition,
	 * refreshes the message of live ones, and resolves live alerts of these rules whose
	 * condition no longer holds.
	 */
	Changes apply(Collection<String> rules, List<Condition> conditions) {
		return this.transactions.execute(() -> {
			long now = System.currentTimeMillis();
			Map<String, AlertView> live = new HashMap<>();
			for (AlertView alert : live()) {
				if (rules.contains(alert.rule())) {
					live.put(alert.rule() + "\n" + alert.subject(), alert);
				}
			}
			int opened = 0;
			int updated = 0;
			for (Condition condition : conditions) {
				AlertView existing = live.remove(condition.rule() + "\n" + condition.subject());
				if (existing == null) {
					this.jdbc.update(
							"INSERT INTO alert (rule, subject, severity, state, message, opened_at) VALUES (?, ?, ?, ?, ?, ?)",
							condition.rule(), condition.subject(), condition.severity(), OPEN, message(condition), now);
					opened++;
				}
				else if (!existing.message().equals(message(condition))
						|| !existing.severity().equals(condition.severity())) {
					this.jdbc.update("UPDATE alert SET message = ?, severity = ? WHERE id = ?", message(condition),
							condition.severity(), existing.id());
					updated++;
				}
			}
			for (AlertView gone : live.values()) {
				this.jdbc.update("UPDATE alert SET state = ?, resolved_at = ? WHERE id = ?", RESOLVED, now, gone.id());
			}
			return new Changes(opened, updated, live.size());
		});
	}

	List<AlertView> live() {
		return this.jdbc.query("SELECT " + COLUMNS + " FROM alert WHERE state IN ('OPEN', 'ACKED')", AlertStore::view);
	}

	/** Alerts, newest first, optionally of one state and severity. */
	List<AlertView> find(String state, String severity, int limit) {
		StringBuilder sql = new StringBuilder("SELECT " + COLUMNS + " FROM alert WHERE 1 = 1");
		List<Object> args = new ArrayList<>();
		if (state != null) {
			sql.append(" AND state = ?");
			args.add(state);
		}
		if (severity != null) {
			sql.append(" AND severity = ?");
			args.add(severity);
		}
		sql.append(" ORDER BY opened_at DESC, id DESC LIMIT ?");
		args.add(limit);
		return this.jdbc.query(sql.toString(), AlertStore::view, args.toArray());
	}

	Optional<AlertView> get(long id) {
		return this.jdbc.query("SELECT " + COLUMNS + " FROM alert WHERE id = ?", AlertStore::view, id)
			.stream()
			.findFirst();
	}

	/** Acknowledges an open alert; true if it was open. */
	boolean ack(long id) {
		return this.transactions
			.execute(() -> this.jdbc.update("UPDATE alert SET state = ?, acked_at = ? WHERE id = ? AND state = ?",
					ACKED, System.currentTimeMillis(), id, OPEN)) > 0;
	}

	private static String message(Condition condition) {
		String text = condition.message();
		return (text.length() > 4000) ? text.substring(0, 4000) + "..." : text;
	}

	private static AlertView view(ResultSet row, int i) throws SQLException {
		return new AlertView(row.getLong(1), row.getString(2), row.getString(3), row.getString(4),
				row.getString(5).toLowerCase(java.util.Locale.ROOT), row.getString(6), instant(row, 7), instant(row, 8),
				instant(row, 9));
	}

	private static Instant instant(ResultSet row, int column) throws SQLException {
		long value = row.getLong(column);
		return row.wasNull() ? null : Instant.ofEpochMilli(value);
	}

}
