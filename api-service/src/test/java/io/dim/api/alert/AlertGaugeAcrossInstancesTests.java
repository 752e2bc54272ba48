package io.dim.api.alert;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

import io.dim.api.cluster.ClusterLock;
import io.dim.model.db.DatabaseVendor;
import io.dim.model.db.WriteTransactions;
import io.dim.model.testing.TestDatabases;
import io.dim.model.testing.TestDatabases.Vendor;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * One instance of a cluster evaluates the alerts; every instance reports them in
 * {@code dim_alerts_open} (SQLite and PostgreSQL), so a Prometheus scraping any of them
 * sees the same alerts.
 */
class AlertGaugeAcrossInstancesTests {

	@TempDir
	Path tempDir;

	@ParameterizedTest
	@EnumSource(Vendor.class)
	void anInstanceThatDoesNotEvaluateReportsTheAlertsOfTheOneThatDoes(Vendor vendor) {
		String url = vendor.freshUrl(this.tempDir);
		TestDatabases.migrate(url);
		DriverManagerDataSource dataSource = new DriverManagerDataSource(url);
		JdbcTemplate jdbc = new JdbcTemplate(dataSource);
		AlertStore store = new AlertStore(jdbc,
				new WriteTransactions(new DataSourceTransactionManager(dataSource), jdbc, DatabaseVendor.of(url)));
		List<Condition> holding = new ArrayList<>();
		holding.add(new Condition("test_rule", "aws", Condition.CRITICAL, "aws is on fire"));
		holding.add(new Condition("test_rule", "gcp", Condition.CRITICAL, "gcp is on fire"));
		SimpleMeterRegistry firstMeters = new SimpleMeterRegistry();
		SimpleMeterRegistry secondMeters = new SimpleMeterRegistry();
		AlertEvaluator first = evaluator(store, jdbc, "instance-a", holding, firstMeters);
		AlertEvaluator second = evaluator(store, jdbc, "instance-b", holding, secondMeters);

		first.scheduled();
		second.scheduled();
		assertThat(open(firstMeters)).as("the evaluating instance").isEqualTo(2);
		assertThat(open(secondMeters)).as("the other instance").isEqualTo(2);

		holding.remove(1);
		first.scheduled();
		second.scheduled();
		assertThat(open(firstMeters)).isEqualTo(1);
		assertThat(open(secondMeters)).isEqualTo(1);
	}

	private static double open(SimpleMeterRegistry registry) {
		return registry.get("dim_alerts_open")
			.tag("rule", "test_rule")
			.tag("severity", Condition.CRITICAL)
			.gauge()
			.value();
	}

	private static AlertEvaluator evaluator(AlertStore store, JdbcTemplate jdbc, String owner, List<Condition> holding,
			SimpleMeterRegistry registry) {
		AlertRule rule = new AlertRule() {

			@Override
			public String name() {
				return "test_rule";
			}

			@Override
			public List<String> severities() {
				return List.of(Condition.CRITICAL);
			}

			@Override
			public List<Condition> evaluate(boolean asked) {
				return List.copyOf(holding);
			}

		};
		AlertProperties settings = new AlertProperties(true, Duration.ofSeconds(15), Duration.ofMinutes(5), 20, 0.3,
				0.05, 3, 5, 100, Duration.ofMinutes(10), Duration.ofHours(1), Duration.ofSeconds(3));
		return new AlertEvaluator(List.of(rule), store, settings, new ClusterLock(jdbc, owner, Clock.systemUTC()),
				registry);
	}

}
