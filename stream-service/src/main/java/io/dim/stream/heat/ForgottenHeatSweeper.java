package io.dim.stream.heat;

import java.util.List;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

import io.dim.model.db.WriteTransactions;

/**
 * Removes heat and access history of objects no longer in the catalogue. api-service
 * deletes them when it forgets an object ({@code POST /files/{key}/forget}), but a batch
 * counted just before the forget reached this instance (or within a minute of it, if its
 * announcement was lost) writes them again; left there, they would be taken for the
 * history of an object adopted later under the same key. Each row goes only if its key is
 * still unknown when it is deleted, so an adoption meanwhile keeps its heat.
 */
@Component
public class ForgottenHeatSweeper {

	private static final Logger log = LoggerFactory.getLogger(ForgottenHeatSweeper.class);

	private static final String UNKNOWN = " NOT EXISTS (SELECT 1 FROM file_meta m WHERE m.object_key = ?)";

	private final JdbcTemplate jdbc;

	private final WriteTransactions transactions;

	ForgottenHeatSweeper(JdbcTemplate jdbc, WriteTransactions transactions) {
		this.jdbc = jdbc;
		this.transactions = transactions;
	}

	/** One pass; returns the number of objects whose heat was removed. */
	public int sweepOnce() {
		List<String> orphans = this.jdbc.queryForList("SELECT h.object_key FROM file_heat h WHERE NOT EXISTS "
				+ "(SELECT 1 FROM file_meta m WHERE m.object_key = h.object_key)", String.class);
		if (orphans.isEmpty()) {
			return 0;
		}
		int swept = this.transactions.execute(() -> {
			int objects = 0;
			for (String key : orphans) {
				this.jdbc.update("DELETE FROM access_bucket WHERE object_key = ? AND" + UNKNOWN, key, key);
				objects += this.jdbc.update("DELETE FROM file_heat WHERE object_key = ? AND" + UNKNOWN, key, key);
			}
			return objects;
		});
		log.info("Removed the heat and history of {} object(s) no longer in the catalogue (forgotten)", swept);
		return swept;
	}

}
