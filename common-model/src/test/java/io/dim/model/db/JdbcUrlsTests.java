package io.dim.model.db;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

/** The SQLite settings every service opens its database with. */
class JdbcUrlsTests {

	@TempDir
	Path dir;

	@Test
	void aPlainSqliteUrlGetsThePragmasAndItsFolder() throws SQLException {
		String url = JdbcUrls.prepareSqlite("jdbc:sqlite:" + this.dir.resolve("nested/state.db"));
		try (Connection connection = DriverManager.getConnection(url)) {
			assertThat(pragma(connection, "journal_mode")).isEqualTo("wal");
			assertThat(pragma(connection, "busy_timeout")).isEqualTo("10000");
			assertThat(pragma(connection, "synchronous")).isEqualTo("1");
			assertThat(pragma(connection, "foreign_keys")).isEqualTo("1");
			assertThat(pragma(connection, "cache_size")).isEqualTo("-32768");
			assertThat(pragma(connection, "mmap_size")).isEqualTo("268435456");
		}
	}

	@Test
	void aUrlWithItsOwnSettingsKeepsThem() {
		String url = "jdbc:sqlite:" + this.dir.resolve("state.db") + "?busy_timeout=5";
		assertThat(JdbcUrls.prepareSqlite(url)).isEqualTo(url);
	}

	@Test
	void passwordsAreHidden() {
		assertThat(JdbcUrls.redact("jdbc:postgresql://dim:secret@db:5432/dim?password=other"))
			.isEqualTo("jdbc:postgresql://dim:****@db:5432/dim?password=****");
	}

	private static String pragma(Connection connection, String name) throws SQLException {
		try (Statement statement = connection.createStatement();
				ResultSet result = statement.executeQuery("PRAGMA " + name)) {
			result.next();
			return result.getString(1);
		}
	}

}
