package io.dim.model.db;

import java.util.function.Supplier;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Transactions that write, safe on SQLite when several processes share the file. A SQLite
 * transaction that reads first and writes later fails at once with SQLITE_BUSY_SNAPSHOT
 * when another process committed in between: the busy timeout does not help, since
 * waiting cannot make its snapshot current (this lost a bootstrap commit in CI). So on
 * SQLite the transaction takes the write lock with its first statement, a write that
 * changes nothing, and waits for it under the busy timeout like any writer. (The driver's
 * {@code transaction_mode=IMMEDIATE} would do the same, but when its BEGIN times out the
 * connection is left believing a transaction is open while statements auto-commit, and
 * {@code jdbc.explicit_readonly} lets plain-Statement writes commit inside a transaction:
 * neither is safe.) On PostgreSQL this is a plain transaction.
 */
public class WriteTransactions {

	static final String TAKE_WRITE_LOCK = "UPDATE system_setting SET setting_value = setting_value WHERE 1 = 0";

	private final TransactionTemplate transactions;

	private final JdbcTemplate jdbc;

	private final boolean sqlite;

	public WriteTransactions(PlatformTransactionManager transactionManager, JdbcTemplate jdbc, DatabaseVendor vendor) {
		this.transactions = new TransactionTemplate(transactionManager);
		this.jdbc = jdbc;
		this.sqlite = vendor == DatabaseVendor.SQLITE;
	}

	public <T> T execute(Supplier<T> work) {
		return this.transactions.execute((status) -> {
			if (this.sqlite) {
				this.jdbc.update(TAKE_WRITE_LOCK);
			}
			return work.get();
		});
	}

	public void run(Runnable work) {
		execute(() -> {
			work.run();
			return null;
		});
	}

}
