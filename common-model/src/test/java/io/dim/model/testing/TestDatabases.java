package io.dim.model.testing;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Locale;
import java.util.UUID;

import org.junit.jupiter.api.Assumptions;

/**
 * Real databases for tests: a SQLite file in a temporary folder, or a fresh schema in the
 * PostgreSQL server named by {@code DIM_TEST_PG_URL} (scripts/test starts Debian's
 * PostgreSQL and sets it). Without that variable PostgreSQL tests are skipped, except on
 * CI, where a missing database is a failure rather than a silent skip.
 */
public final class TestDatabases {

	public static final String PG_URL_VARIABLE = "DIM_TEST_PG_URL";

	private TestDatabases() {
	}

	public enum Vendor {

		SQLITE, POSTGRESQL;

		/** A new, empty database of this vendor. */
		public String freshUrl(Path tempDir) {
			return (this == SQLITE) ? sqliteUrl(tempDir) : freshPostgresUrl();
		}

	}

	/** Brings a database to the latest schema, as api-service would at its start. */
	public static void migrate(String url) {
		String prepared = url.startsWith("jdbc:sqlite:") && !url.contains("?") ? url + "?journal_mode=WAL" : url;
		org.flywaydb.core.Flyway.configure()
			.dataSource(prepared, null, null)
			.locations("classpath:db/migration")
			.placeholders(java.util.Map.of("identity_pk", io.dim.model.db.DatabaseVendor.of(url).identityPrimaryKey()))
			.load()
			.migrate();
	}

	public static String sqliteUrl(Path dir) {
		return "jdbc:sqlite:" + dir.resolve("state-" + UUID.randomUUID() + ".db");
	}

	/**
	 * A URL whose default schema is new and empty, so tests never see each other's rows.
	 */
	public static String freshPostgresUrl() {
		String base = System.getenv(PG_URL_VARIABLE);
		if (base == null || base.isBlank()) {
			if ("true".equalsIgnoreCase(System.getenv("CI"))) {
				throw new IllegalStateException(
						PG_URL_VARIABLE + " is not set on CI: run the tests through scripts/test");
			}
			Assumptions.abort("no PostgreSQL for tests: set " + PG_URL_VARIABLE + " (scripts/test starts one)");
		}
		String schema = "t_" + UUID.randomUUID().toString().replace("-", "").substring(0, 16).toLowerCase(Locale.ROOT);
		try (Connection connection = DriverManager.getConnection(base);
				Statement statement = connection.createStatement()) {
			statement.execute("CREATE SCHEMA " + schema);
		}
		catch (SQLException ex) {
			throw new IllegalStateException("cannot create a test schema in " + base + ": " + ex.getMessage(), ex);
		}
		return base + (base.contains("?") ? "&" : "?") + "currentSchema=" + schema;
	}

}
