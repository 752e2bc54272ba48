package io.dim.stream.heat;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

import io.dim.model.db.DatabaseVendor;
import io.dim.model.heat.ForwardDecay;
import io.dim.stream.StreamProperties;

/**
 * The forward-decay landmark shared by every instance, kept in system_setting. Read
 * inside each writing transaction (shared lock on PostgreSQL) so that a concurrent move
 * of the landmark by the decayer (exclusive lock) can never mix two scales.
 */
@Component
class HeatLandmark {

	static final String SETTING = "heat.landmark";

	private final JdbcTemplate jdbc;

	private final Duration halfLife;

	private final DatabaseVendor vendor;

	HeatLandmark(JdbcTemplate jdbc, StreamProperties properties, org.springframework.core.env.Environment env) {
		this.jdbc = jdbc;
		this.halfLife = properties.halfLife();
		this.vendor = DatabaseVendor.valueOf(env.getProperty("dim.db.vendor", "SQLITE"));
	}

	/** The current decay, read under a shared lock; call inside a transaction. */
	ForwardDecay readShared(Instant now) {
		return read(now, (this.vendor == DatabaseVendor.POSTGRESQL) ? " FOR SHARE" : "");
	}

	/** The current decay, read under an exclusive lock; call inside a transaction. */
	ForwardDecay readForUpdate(Instant now) {
		return read(now, (this.vendor == DatabaseVendor.POSTGRESQL) ? " FOR UPDATE" : "");
	}

	void move(Instant landmark) {
		this.jdbc.update("UPDATE system_setting SET setting_value = ? WHERE setting_key = ?",
				String.valueOf(landmark.toEpochMilli()), SETTING);
	}

	private ForwardDecay read(Instant now, String lock) {
		String sql = "SELECT setting_value FROM system_setting WHERE setting_key = ?" + lock;
		List<String> values = this.jdbc.queryForList(sql, String.class, SETTING);
		if (values.isEmpty()) {
			this.jdbc.update(
					"INSERT INTO system_setting (setting_key, setting_value) VALUES (?, ?) "
							+ "ON CONFLICT (setting_key) DO NOTHING",
					SETTING, String.valueOf(now.truncatedTo(ChronoUnit.HOURS).toEpochMilli()));
			values = this.jdbc.queryForList(sql, String.class, SETTING);
		}
		return new ForwardDecay(this.halfLife, Instant.ofEpochMilli(Long.parseLong(values.get(0))));
	}

}
