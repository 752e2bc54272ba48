package io.dim.model.db;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Map;

import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import io.dim.model.testing.TestDatabases.Vendor;

/** Tests for the Flyway migrations in {@code db/migration}, on SQLite and PostgreSQL. */
class SchemaMigrationTests {

	@TempDir
	Path tempDir;

	@ParameterizedTest
	@EnumSource(Vendor.class)
	void migratesAnEmptyDatabaseToTheLatestVersion(Vendor vendor) throws SQLException {
		String url = prepared(vendor);
		Flyway flyway = flyway(url, null);
		flyway.migrate();
		assertThat(flyway.info().pending()).isEmpty();
		assertThat(flyway.info().current().getVersion().getVersion()).isEqualTo("16");
		try (Connection connection = DriverManager.getConnection(url)) {
			for (String table : new String[] { "file_meta", "replica", "file_heat", "access_bucket",
					"placement_decision", "migration_job", "migration_task", "alert", "system_setting",
					"consumer_offset", "cluster_lock", "heat_change_outbox", "read_event_spool", "counted_once",
					"chaos_fault", "endpoint_outage", "reoptimize_queue", "dead_letter_waiting" }) {
				assertThat(count(connection, "SELECT COUNT(*) FROM " + table)).as(table).isZero();
			}
		}
	}

	@ParameterizedTest
	@EnumSource(Vendor.class)
	void upgradesAVersionOneDatabaseWithItsRowsIntact(Vendor vendor) throws SQLException {
		String url = prepared(vendor);
		flyway(url, "1").migrate();
		try (Connection connection = DriverManager.getConnection(url); Statement sql = connection.createStatement()) {
			sql.executeUpdate("INSERT INTO file_meta (object_key, size_bytes, content_type, sha256, created_at) "
					+ "VALUES ('reports/Q3 summary.txt', 1234, 'text/plain', '" + "a".repeat(64) + "', 1700000000000)");
			sql.executeUpdate("INSERT INTO replica (object_key, endpoint, state, verified_at) "
					+ "VALUES ('reports/Q3 summary.txt', 'aws', 'VALID', 1700000000001)");
			sql.executeUpdate("INSERT INTO file_heat (object_key, heat, last_access_at, reads_total, writes_total, "
					+ "bytes_total) VALUES ('reports/Q3 summary.txt', 12.5, 1700000000002, 7, 1, 9000)");
			sql.executeUpdate("INSERT INTO migration_job (object_key, state, created_at, updated_at) "
					+ "VALUES ('reports/Q3 summary.txt', 'PENDING', 1, 1)");
		}

		flyway(url, null).migrate();

		try (Connection connection = DriverManager.getConnection(url); Statement sql = connection.createStatement()) {
			try (ResultSet row = sql
				.executeQuery("SELECT size_bytes, content_type, sha256, created_at, version_token FROM file_meta")) {
				assertThat(row.next()).isTrue();
				assertThat(row.getLong(1)).isEqualTo(1234);
				assertThat(row.getString(2)).isEqualTo("text/plain");
				assertThat(row.getString(3)).isEqualTo("a".repeat(64));
				assertThat(row.getLong(4)).isEqualTo(1700000000000L);
				assertThat(row.getString(5)).isEmpty();
				assertThat(row.next()).isFalse();
			}
			assertThat(count(connection,
					"SELECT COUNT(*) FROM replica WHERE state = 'VALID' AND verified_at = 1700000000001"))
				.isOne();
			assertThat(count(connection, "SELECT reads_total FROM file_heat")).isEqualTo(7);
			assertThat(count(connection, "SELECT COUNT(*) FROM migration_job")).isOne();
			sql.executeUpdate("INSERT INTO system_setting (setting_key, setting_value) VALUES ('policy', 'on')");
			assertThat(count(connection, "SELECT COUNT(*) FROM system_setting")).isOne();
		}
	}

	@ParameterizedTest
	@EnumSource(Vendor.class)
	void readEventsSpooledBeforeVersionSixteenAreTakenAsNeverWritten(Vendor vendor) throws SQLException {
		String url = prepared(vendor);
		flyway(url, "15").migrate();
		try (Connection connection = DriverManager.getConnection(url); Statement sql = connection.createStatement()) {
			sql.executeUpdate("INSERT INTO read_event_spool (event_id, object_key, payload, spooled_at) "
					+ "VALUES ('e-1', 'k', '{}', 1700000000000)");
		}

		flyway(url, null).migrate();

		try (Connection connection = DriverManager.getConnection(url); Statement sql = connection.createStatement()) {
			assertThat(count(connection,
					"SELECT COUNT(*) FROM read_event_spool WHERE event_id = 'e-1' " + "AND maybe_written = FALSE"))
				.isOne();
			sql.executeUpdate("INSERT INTO read_event_spool (event_id, object_key, payload, spooled_at, maybe_written) "
					+ "VALUES ('e-2', 'k', '{}', 1700000000001, TRUE)");
			assertThat(count(connection, "SELECT COUNT(*) FROM read_event_spool WHERE maybe_written")).isOne();
		}
	}

	private String prepared(Vendor vendor) {
		String url = vendor.freshUrl(this.tempDir);
		return (vendor == Vendor.SQLITE) ? JdbcUrls.prepareSqlite(url) : url;
	}

	private static Flyway flyway(String url, String target) {
		var configuration = Flyway.configure()
			.dataSource(url, null, null)
			.locations("classpath:db/migration")
			.placeholders(Map.of("identity_pk", DatabaseVendor.of(url).identityPrimaryKey()));
		if (target != null) {
			configuration.target(target);
		}
		return configuration.load();
	}

	private static long count(Connection connection, String query) throws SQLException {
		try (Statement sql = connection.createStatement(); ResultSet result = sql.executeQuery(query)) {
			result.next();
			return result.getLong(1);
		}
	}

}
