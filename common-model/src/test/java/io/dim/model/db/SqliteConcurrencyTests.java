package io.dim.model.db;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Several processes writing one SQLite file through the default URL
 * ({@link JdbcUrls#prepareSqlite}).
 */
class SqliteConcurrencyTests {

	@TempDir
	Path dir;

	private String url;

	@BeforeEach
	void createTable() throws SQLException {
		this.url = JdbcUrls.prepareSqlite("jdbc:sqlite:" + this.dir.resolve("state.db"));
		try (Connection connection = DriverManager.getConnection(this.url);
				Statement sql = connection.createStatement()) {
			sql.executeUpdate("CREATE TABLE item (name TEXT PRIMARY KEY)");
		}
	}

	@Test
	void aTransactionThatReadsThenWritesWaitsForAnotherWriterInsteadOfFailing() throws Exception {
		CompletableFuture<Void> other;
		try (Connection first = DriverManager.getConnection(this.url)) {
			first.setAutoCommit(false);
			assertThat(count(first)).isZero();
			// Another process writes while this transaction is open. Were transactions
			// deferred, it would commit at once and the write below would fail with
			// SQLITE_BUSY_SNAPSHOT; begun IMMEDIATE, the other waits for this commit.
			other = CompletableFuture.runAsync(() -> insert("from-other"));
			Thread.sleep(300);
			try (Statement sql = first.createStatement()) {
				sql.executeUpdate("INSERT INTO item VALUES ('from-first')");
			}
			first.commit();
			first.setAutoCommit(true);
			other.get(20, TimeUnit.SECONDS);
		}
		try (Connection check = DriverManager.getConnection(this.url)) {
			assertThat(count(check)).isEqualTo(2);
		}
	}

	@Test
	void aRolledBackTransactionLeavesNothingBehindWhateverStatementKindWroteIt() throws Exception {
		try (Connection connection = DriverManager.getConnection(this.url)) {
			connection.setAutoCommit(false);
			try (Statement sql = connection.createStatement()) {
				sql.executeUpdate("INSERT INTO item VALUES ('plain')");
			}
			try (var insert = connection.prepareStatement("INSERT INTO item VALUES (?)")) {
				insert.setString(1, "prepared");
				insert.executeUpdate();
			}
			connection.rollback();
			connection.setAutoCommit(true);
		}
		try (Connection check = DriverManager.getConnection(this.url)) {
			assertThat(count(check)).isZero();
		}
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

	private static int count(Connection connection) throws SQLException {
		try (Statement sql = connection.createStatement();
				ResultSet row = sql.executeQuery("SELECT COUNT(*) FROM item")) {
			row.next();
			return row.getInt(1);
		}
	}

}
