package io.dim.api.alert;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

import io.dim.model.config.InvalidSettingException;

/**
 * Alert rules' settings ({@code dim.alerts.*}).
 *
 * @param enabled evaluate in the background
 * @param interval pause between evaluations
 * @param slaWindow window the p95 S3 GET latency is measured over
 * @param slaMinRequests GETs an endpoint needs in the window before its p95 is judged
 * @param expensiveShare hot objects alert when their best placement would cost more than
 * this share less
 * @param auditShare the most of the time the expensive-tier audit, which reads the whole
 * catalogue, may run (see {@link Paced})
 * @param spikeFactor the event rate alerts at this multiple of its recent baseline
 * @param spikeMinRate ... and only above this many events a second
 * @param backlogTasks migration backlog alerts above this many waiting tasks
 * @param backlogAge ... or when the oldest waiting task is older than this
 * @param mismatchWindow a replica a read found not to hold its object's bytes keeps its
 * endpoint's {@code replica_mismatch} alert open this long
 * @param kafkaTimeout how long the {@code kafka_down} rule waits for the cluster to
 * answer
 */
@ConfigurationProperties("dim.alerts")
public record AlertProperties(@DefaultValue("true") boolean enabled, @DefaultValue("15s") Duration interval,
		@DefaultValue("5m") Duration slaWindow, @DefaultValue("20") int slaMinRequests,
		@DefaultValue("0.3") double expensiveShare, @DefaultValue("0.05") double auditShare,
		@DefaultValue("3") double spikeFactor, @DefaultValue("5") double spikeMinRate,
		@DefaultValue("100") int backlogTasks, @DefaultValue("10m") Duration backlogAge,
		@DefaultValue("1h") Duration mismatchWindow, @DefaultValue("3s") Duration kafkaTimeout) {

	public AlertProperties {
		if (interval.toMillis() < 100) {
			throw new InvalidSettingException("dim.alerts.interval", "must be at least 100ms");
		}
		if (!(expensiveShare > 0 && expensiveShare < 1)) {
			throw new InvalidSettingException("dim.alerts.expensive-share", "must be in (0, 1)");
		}
		if (!(auditShare > 0 && auditShare <= 1)) {
			throw new InvalidSettingException("dim.alerts.audit-share", "must be in (0, 1]");
		}
		if (!(spikeFactor > 1)) {
			throw new InvalidSettingException("dim.alerts.spike-factor", "must be above 1");
		}
		if (mismatchWindow.isNegative() || mismatchWindow.isZero()) {
			throw new InvalidSettingException("dim.alerts.mismatch-window", "must be positive");
		}
		if (kafkaTimeout.toMillis() < 100 || kafkaTimeout.compareTo(Duration.ofHours(1)) > 0) {
			throw new InvalidSettingException("dim.alerts.kafka-timeout", "must be between 100ms and 1h");
		}
		if (backlogTasks < 0) {
			throw new InvalidSettingException("dim.alerts.backlog-tasks", "must not be negative");
		}
	}

}
