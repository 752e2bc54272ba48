package io.dim.api.cluster;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;

import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

import io.dim.api.support.SettableClock;
import io.dim.model.testing.TestDatabases;
import io.dim.model.testing.TestDatabases.Vendor;

import static org.assertj.core.api.Assertions.assertThat;

/** Two instances sharing a database (SQLite and PostgreSQL) contend for one lock. */
class ClusterLockTests {

	private static final Duration HOLD = Duration.ofSeconds(45);

	@TempDir
	Path tempDir;

	private final SettableClock clock = new SettableClock(Instant.parse("2026-11-27T09:00:00Z"));

	@ParameterizedTest
	@EnumSource(Vendor.class)
	void oneInstanceRunsTheWorkUntilItStopsOrItsLockExpires(Vendor vendor) {
		String url = vendor.freshUrl(this.tempDir);
		TestDatabases.migrate(url);
		JdbcTemplate jdbc = new JdbcTemplate(new DriverManagerDataSource(url));
		ClusterLock first = new ClusterLock(jdbc, "101@host-a/aaaa", this.clock);
		ClusterLock second = new ClusterLock(jdbc, "202@host-b/bbbb", this.clock);

		assertThat(first.hold("alerts", HOLD)).isTrue();
		assertThat(second.hold("alerts", HOLD)).isFalse();
		assertThat(second.hold("scrub", HOLD)).isTrue(); // each piece of work has its own
															// lock

		// The holder renews it round after round, past the first hold's end.
		this.clock.advance(Duration.ofSeconds(40));
		assertThat(first.hold("alerts", HOLD)).isTrue();
		this.clock.advance(Duration.ofSeconds(40));
		assertThat(second.hold("alerts", HOLD)).isFalse();

		// A holder that stopped without a word loses it when its time is up.
		this.clock.advance(Duration.ofSeconds(46));
		assertThat(second.hold("alerts", HOLD)).isTrue();
		assertThat(first.hold("alerts", HOLD)).isFalse();

		// One that stops gives its locks back at once.
		second.destroy();
		assertThat(first.hold("alerts", HOLD)).isTrue();
		assertThat(first.hold("scrub", HOLD)).isTrue();
	}

}
