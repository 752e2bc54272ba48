package io.dim.api.migrate;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

import io.dim.api.cluster.ClusterLock;
import io.dim.api.endpoint.EndpointProbe;
import io.dim.api.optimize.OptimizeProgress;
import io.dim.api.optimize.OptimizeReport;
import io.dim.api.optimize.Optimizer;
import io.dim.api.s3.S3Faults;
import io.dim.model.config.DimProperties;
import io.dim.model.endpoint.EndpointCatalog;
import io.dim.model.endpoint.EndpointConfig;

/**
 * Repair: once an endpoint has been failed (by chaos, or its probe) for longer than
 * {@code dim.migrator.repair-grace}, every object with fewer than REPLICATION_FACTOR
 * verified replicas on healthy endpoints is re-optimized; the failed endpoint is not
 * eligible, so the decision copies the object elsewhere. Its replica on the failed
 * endpoint is deleted only after that endpoint recovers (nothing is deleted while any
 * endpoint is failed): the surplus is trimmed then.
 */
@Component
public class RepairScanner {

	private static final Logger log = LoggerFactory.getLogger(RepairScanner.class);

	private final EndpointCatalog catalog;

	private final EndpointProbe probe;

	private final S3Faults faults;

	private final Optimizer optimizer;

	private final JdbcTemplate jdbc;

	private final MigratorProperties settings;

	private final ClusterLock cluster;

	private final Duration holdFor;

	private final int replicationFactor;

	private final Clock clock = Clock.systemUTC();

	RepairScanner(EndpointCatalog catalog, EndpointProbe probe, S3Faults faults, Optimizer optimizer, JdbcTemplate jdbc,
			MigratorProperties settings, DimProperties dim, ClusterLock cluster,
			@Value("${dim.migrator.repair-interval:15s}") Duration interval) {
		this.cluster = cluster;
		this.holdFor = interval.multipliedBy(3);
		this.catalog = catalog;
		this.probe = probe;
		this.faults = faults;
		this.optimizer = optimizer;
		this.jdbc = jdbc;
		this.settings = settings;
		this.replicationFactor = dim.replicationFactor();
	}

	/** Endpoints failed longer than the grace period, now. */
	List<String> failedPastGrace() {
		Instant now = this.clock.instant();
		Map<String, Instant> outages = new HashMap<>();
		this.jdbc.query("SELECT endpoint, down_since FROM endpoint_outage", (row) -> {
			outages.put(row.getString(1), Instant.ofEpochMilli(row.getLong(2)));
		});
		List<String> failed = new ArrayList<>();
		for (EndpointConfig endpoint : this.catalog.all()) {
			String name = endpoint.name();
			Instant since = this.faults.failedSince(name).orElse(null);
			if (since == null) {
				if (!this.probe.status(name).up()) {
					since = outages.containsKey(name) ? outages.get(name) : outageBegins(name, now);
				}
				else if (outages.containsKey(name)) {
					this.jdbc.update("DELETE FROM endpoint_outage WHERE endpoint = ?", name);
				}
			}
			if (since != null && Duration.between(since, now).compareTo(this.settings.repairGrace()) >= 0) {
				failed.add(name);
			}
		}
		return failed;
	}

	/**
	 * Records that the endpoint stopped answering (in the database, so another instance
	 * taking over the scans goes on from there), and returns since when: another instance
	 * may have recorded it first.
	 */
	private Instant outageBegins(String name, Instant now) {
		this.jdbc.update("INSERT INTO endpoint_outage (endpoint, down_since) VALUES (?, ?) "
				+ "ON CONFLICT (endpoint) DO NOTHING", name, now.toEpochMilli());
		return Instant.ofEpochMilli(this.jdbc
			.queryForObject("SELECT down_since FROM endpoint_outage WHERE endpoint = ?", Long.class, name));
	}

	/**
	 * One scan; returns what re-optimizing the short objects did (null if nothing to do).
	 */
	@Scheduled(fixedDelayString = "${dim.migrator.repair-interval:15s}",
			initialDelayString = "${dim.migrator.repair-interval:15s}")
	public OptimizeReport scan() {
		// Once per cluster: instances sharing the database would plan the same repairs.
		if (!this.cluster.hold("repair", this.holdFor)) {
			return null;
		}
		List<String> failed = failedPastGrace();
		if (failed.isEmpty()) {
			return null;
		}
		String marks = String.join(",", failed.stream().map((f) -> "?").toList());
		List<Object> args = new ArrayList<>(failed);
		args.add(this.replicationFactor);
		// Objects with a replica on a failed endpoint, short of healthy verified
		// replicas,
		// and no job in progress (a job already moving them will repair them).
		List<String> keys = this.jdbc.queryForList(
				"SELECT r.object_key FROM replica r WHERE r.state = 'VALID' "
						+ "GROUP BY r.object_key HAVING SUM(CASE WHEN r.endpoint IN (" + marks
						+ ") THEN 0 ELSE 1 END) < ? AND NOT EXISTS (SELECT 1 FROM migration_job j WHERE "
						+ "j.object_key = r.object_key AND j.state IN ('PENDING', 'RUNNING'))",
				String.class, args.toArray());
		if (keys.isEmpty()) {
			return null;
		}
		OptimizeReport report = this.optimizer.optimizeSome(keys, OptimizeProgress.NONE);
		// Repairs restore redundancy: they do not wait for a read to carry them.
		for (String key : keys) {
			this.jdbc.update("UPDATE migration_task SET read_wait_until = NULL "
					+ "WHERE object_key = ? AND kind = 'COPY' AND state = 'PENDING'", key);
		}
		log.warn("Repair: {} failed past the grace period; {} object(s) short of {} healthy replicas: {} job(s) "
				+ "created", failed, keys.size(), this.replicationFactor, report.jobsCreated());
		return report;
	}

}
