package io.dim.api.alert;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.JdbcTemplate;

import io.dim.api.ml.MlClient;
import io.dim.api.ml.MlProperties;
import io.dim.api.ml.MlUnavailableException;
import io.dim.api.optimize.DurationWords;
import io.dim.api.optimize.EndpointFacts;
import io.dim.api.optimize.PlacementAudit;
import io.dim.api.file.ReplicaMismatches;
import io.dim.model.config.DimProperties;
import io.dim.model.placement.Dollars;
import tools.jackson.databind.JsonNode;

/**
 * The rules that need no state of their own: endpoint down, bucket missing, replication
 * below target, replica mismatch (its findings are kept by {@link ReplicaMismatches}),
 * data on an expensive tier, migration backlog, ML unavailable and Kafka down
 * ({@link KafkaProbe}). (SLA latency and traffic spikes remember what they saw:
 * {@link SlaLatencyRule}, {@link TrafficSpikeRule}.)
 */
@Configuration(proxyBeanMethods = false)
class AlertRules {

	@Bean
	AlertRule endpointDown(PlacementAudit audit, AlertGauges gauges) {
		return rule("endpoint_down", List.of(Condition.CRITICAL), () -> {
			List<Condition> found = new ArrayList<>();
			for (EndpointFacts endpoint : audit.endpoints()) {
				gauges.endpointUp(endpoint.name(), endpoint.healthy());
				if (!endpoint.healthy() && !endpoint.bucketMissing()) {
					found.add(new Condition("endpoint_down", endpoint.name(), Condition.CRITICAL,
							"endpoint " + endpoint.name() + " is down (" + endpoint.healthProblem()
									+ "): it gets no new replicas, and nothing is deleted anywhere until it is back"));
				}
			}
			return found;
		});
	}

	/**
	 * An endpoint that answers without our bucket is not down: on a fresh install it is
	 * the seconds before the bootstrap creates the buckets, later a bucket removed or a
	 * configuration pointing at the wrong one. Either way the fix is not waiting.
	 */
	@Bean
	AlertRule bucketMissing(PlacementAudit audit) {
		return rule("bucket_missing", List.of(Condition.WARNING), () -> audit.endpoints()
			.stream()
			.filter(EndpointFacts::bucketMissing)
			.map((endpoint) -> new Condition("bucket_missing", endpoint.name(), Condition.WARNING,
					"endpoint " + endpoint.name() + " answers but has no bucket " + endpoint.config().bucket()
							+ ": it gets no replicas until the bucket exists (the bootstrap, POST /admin/bootstrap, "
							+ "creates it; scripts/dev-up runs it)"))
			.toList());
	}

	@Bean
	AlertRule replicationBelowTarget(PlacementAudit audit, DimProperties dim, AlertGauges gauges) {
		return rule("replication_below_target", List.of(Condition.CRITICAL), () -> {
			PlacementAudit.Finding missing = audit.underReplicated();
			gauges.underReplicated(missing.count());
			return (missing.count() == 0) ? List.of()
					: List.of(new Condition("replication_below_target", "catalogue", Condition.CRITICAL,
							missing.count() + " object(s) have fewer than " + dim.replicationFactor()
									+ " verified replica(s) (REPLICATION_FACTOR), e.g. " + missing.sample()));
		});
	}

	/**
	 * Replicas reads, copies or the scrubber found holding other bytes than their
	 * object's: the reads were served from another replica or ended short, copies took
	 * another source, and the replica needs a look (damaged, or the object rewritten
	 * behind DIM's back).
	 */
	@Bean
	AlertRule replicaMismatch(ReplicaMismatches mismatches) {
		return rule("replica_mismatch", List.of(Condition.CRITICAL), () -> {
			List<Condition> found = new ArrayList<>();
			mismatches.recent().forEach((endpoint, keys) -> {
				found.add(new Condition("replica_mismatch", endpoint, Condition.CRITICAL, String.format(Locale.ROOT,
						"%d replica(s) on %s do not hold their object's bytes (wrong size or SHA-256, found by "
								+ "reads, copies or the scrubber in the last %s), e.g. %s: reads were served from "
								+ "another replica or ended short, copies took another source. Check the bucket: the "
								+ "replica stays recorded until a person decides (to restore it, copy it from a "
								+ "verified replica with POST /tools/rclone, then POST /scrub?key=... to read it back)",
						keys.size(), endpoint, DurationWords.of(mismatches.remembered()), keys.get(0))));
			});
			return found;
		});
	}

	@Bean
	AlertRule expensiveTier(PlacementAudit audit, AlertProperties settings) {
		return pacedRule("expensive_tier", List.of(Condition.INFO), new Paced<>(() -> {
			List<Condition> found = new ArrayList<>();
			PlacementAudit.ExpensiveTier audited = audit.expensiveTier(settings.expensiveShare());
			PlacementAudit.Finding hot = audited.hotOverpaying();
			if (hot.count() > 0) {
				found.add(new Condition("expensive_tier", "hot", Condition.INFO,
						String.format(Locale.ROOT,
								"%d hot object(s) could cost %.0f%%+ less within the SLA (%s a month in all), "
										+ "e.g. %s: Re-optimize All moves them",
								hot.count(), settings.expensiveShare() * 100, Dollars.format(hot.monthlySaving()),
								hot.sample())));
			}
			audited.expensiveEndpoint().ifPresent((endpoint) -> {
				PlacementAudit.Finding cold = audited.coldWorthMovingOff();
				if (cold.count() > 0) {
					found.add(new Condition("expensive_tier", "cold-on-" + endpoint, Condition.INFO,
							String.format(Locale.ROOT,
									"%d cold object(s) on %s, the most expensive endpoint, would cost less without "
											+ "their replica there, copies paid for (%s a month in all), e.g. %s: "
											+ "Re-optimize All moves them",
									cold.count(), endpoint, Dollars.format(cold.monthlySaving()), cold.sample())));
				}
			});
			return found;
		}, settings.auditShare(), System::nanoTime));
	}

	@Bean
	AlertRule migrationBacklog(JdbcTemplate jdbc, AlertProperties settings) {
		Clock clock = Clock.systemUTC();
		return rule("migration_backlog", List.of(Condition.WARNING), () -> {
			// Copies waiting for a read to carry them (dim.migrator.copy-on-read-wait)
			// are
			// not a backlog until their wait ends.
			long now = clock.millis();
			String waitingTasks = "FROM migration_task WHERE state IN ('PENDING', 'RETRY') "
					+ "AND (read_wait_until IS NULL OR read_wait_until <= ?)";
			Long waiting = jdbc.queryForObject("SELECT COUNT(*) " + waitingTasks, Long.class, now);
			Long oldest = jdbc.queryForObject("SELECT MIN(created_at) " + waitingTasks, Long.class, now);
			long age = (oldest != null) ? now - oldest : 0;
			if ((waiting != null && waiting > settings.backlogTasks()) || age > settings.backlogAge().toMillis()) {
				return List.of(new Condition("migration_backlog", "queue", Condition.WARNING,
						String.format(Locale.ROOT,
								"%d migration task(s) waiting (alert above %d), the oldest for %d s (alert above %d s)",
								waiting, settings.backlogTasks(), age / 1000, settings.backlogAge().toSeconds())));
			}
			return List.of();
		});
	}

	@Bean
	AlertRule mlUnavailable(MlClient client, MlProperties ml) {
		return rule("ml_unavailable", List.of(Condition.WARNING), () -> {
			if (!ml.enabled()) {
				return List.of();
			}
			try {
				JsonNode models = client.models().get("models");
				if (models == null || models.isEmpty()) {
					return List.of(new Condition("ml_unavailable", "ml-service", Condition.WARNING,
							"ml-service has no model loaded: tiers come from the heat bands (run scripts/ml-train)"));
				}
				return List.of();
			}
			catch (MlUnavailableException ex) {
				return List.of(new Condition("ml_unavailable", "ml-service", Condition.WARNING,
						ex.getMessage() + ": tiers come from the heat bands"));
			}
		});
	}

	@Bean
	AlertRule kafkaDown(KafkaProbe kafka) {
		return rule("kafka_down", List.of(Condition.CRITICAL), () -> kafka.problem()
			.map((why) -> List.of(new Condition("kafka_down", "kafka", Condition.CRITICAL,
					"Kafka (" + kafka.bootstrap() + ") does not answer (" + why + "): no access is counted into heat, "
							+ "reads are served and their events wait in the database, bursts are refused, and tier "
							+ "changes wait in stream-service's outbox until it is back; no object is at risk")))
			.orElse(List.of()));
	}

	private static AlertRule rule(String name, List<String> severities,
			java.util.function.Supplier<List<Condition>> check) {
		return rule(name, severities, (asked) -> check.get());
	}

	/** A rule whose check reads the whole catalogue: scheduled rounds pace it. */
	private static AlertRule pacedRule(String name, List<String> severities, Paced<List<Condition>> check) {
		return rule(name, severities, (asked) -> asked ? check.runNow() : check.get());
	}

	private static AlertRule rule(String name, List<String> severities,
			java.util.function.Function<Boolean, List<Condition>> check) {
		return new AlertRule() {

			@Override
			public String name() {
				return name;
			}

			@Override
			public List<String> severities() {
				return severities;
			}

			@Override
			public List<Condition> evaluate(boolean asked) {
				return check.apply(asked);
			}

		};
	}

}
