package io.dim.model.db;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.jdbc.datasource.SimpleDriverDataSource;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Two processes writing one SQLite file through the default URL:
 * {@link WriteTransactions} must make a transaction that reads before it writes wait for
 * the other writer, where a plain transaction fails with SQLITE_BUSY_SNAPSHOT.
 */
class SqliteConcurrencyTests {

	@TempDir
	Path dir;

	private String url;

	private JdbcTemplate jdbc;

	private DataSourceTransactionManager transactionManager;

	@BeforeEach
	void createTables() throws SQLException {
		this.url = JdbcUrls.prepareSqlite("jdbc:sqlite:" + this.dir.resolve("state.db"));
		try (Connection connection = DriverManager.getConnection(this.url);
				Statement sql = connection.createStatement()) {
			sql.executeUpdate("CREATE TABLE item (name TEXT PRIMARY KEY)");
			sql.executeUpdate("CREATE TABLE system_setting (setting_key TEXT PRIMARY KEY, setting_value TEXT)");
		}
		SimpleDriverDataSource dataSource = new SimpleDriverDataSource(new org.sqlite.JDBC(), this.url);
		this.jdbc = new JdbcTemplate(dataSource);
		this.transactionManager = new DataSourceTransactionManager(dataSource);
	}

	@Test
	void aWriteTransactionThatReadsFirstWaitsForAnotherWriterInsteadOfFailing() throws Exception {
		WriteTransactions writes = new WriteTransactions(this.transactionManager, this.jdbc, DatabaseVendor.SQLITE);
		CompletableFuture<Void> other = writes.execute(() -> readThenWriteWhileAnotherProcessWrites("from-first"));
		other.get(20, TimeUnit.SECONDS);
		assertThat(this.jdbc.queryForObject("SELECT COUNT(*) FROM item", Integer.class)).isEqualTo(2);
	}

	@Test
	void aPlainTransactionThatReadsFirstFailsWhenAnotherProcessWroteMeanwhile() throws Exception {
		// The failure WriteTransactions exists for: if this ever passes, the driver
		// changed.
		TransactionTemplate plain = new TransactionTemplate(this.transactionManager);
		assertThatThrownBy(() -> plain.execute((status) -> readThenWriteWhileAnotherProcessWrites("from-first")))
			.hasStackTraceContaining("SQLITE_BUSY");
	}

	/** Reads, lets another connection write, then writes; returns the other's future. */
	private CompletableFuture<Void> readThenWriteWhileAnotherProcessWrites(String name) {
		this.jdbc.queryForObject("SELECT COUNT(*) FROM item", Integer.class);
		CompletableFuture<Void> other = CompletableFuture.runAsync(() -> insert("from-other"));
		try {
			// Without the write lock the other connection commits at once; with it, it
			// waits (up to the busy timeout) for this transaction to end.
			Thread.sleep(300);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
		this.jdbc.update("INSERT INTO item VALUES (?)", name);
		return other;
	}

	private void insert(String name) {
		try (Connection connection = DriverManager.getConnection(this.url);
				Statement sql = connection.createStatement()) {
			sql.executeUpdate("INSERT INTO item VALUES ('" + name + "')");
		}
		catch (SQLException ex) {
			throw new IllegalStateException(ex);
		}
	}

}
