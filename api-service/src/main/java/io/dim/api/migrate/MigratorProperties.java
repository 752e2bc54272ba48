package io.dim.api.migrate;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

import io.dim.model.config.InvalidSettingException;

/**
 * Settings of the migrator ({@code dim.migrator.*}).
 *
 * @param schedulerEnabled whether ticks run in the background
 * @param tickInterval pause between background ticks
 * @param tasksPerTick most tasks one tick claims
 * @param concurrency copies and deletes running at once
 * @param maxAttempts attempts before a task is parked as FAILED
 * @param backoff delay before the first retry; doubles with each attempt (with jitter)
 * @param maxBackoff the longest delay between attempts
 * @param lease how long a claimed task is its worker's; after it, another worker may take
 * it up
 * @param multipartThreshold objects at least this large are copied in parts
 * @param partSize size of each part
 * @param repairGrace how long an endpoint stays failed before its objects get repair jobs
 * @param copyOnReadWait how long a copy made for a placement change first waits for a
 * read through DIM to carry it (the read's bytes go to the new replica too, so the copy
 * pays no egress of its own); the background migrator makes it after that. Zero: no wait
 */
@ConfigurationProperties("dim.migrator")
public record MigratorProperties(@DefaultValue("true") boolean schedulerEnabled,
		@DefaultValue("5s") Duration tickInterval, @DefaultValue("16") int tasksPerTick,
		@DefaultValue("4") int concurrency, @DefaultValue("5") int maxAttempts, @DefaultValue("2s") Duration backoff,
		@DefaultValue("5m") Duration maxBackoff, @DefaultValue("2m") Duration lease,
		@DefaultValue("64MB") DataSize multipartThreshold, @DefaultValue("8MB") DataSize partSize,
		@DefaultValue("60s") Duration repairGrace, @DefaultValue("5m") Duration copyOnReadWait) {

	public MigratorProperties {
		if (tasksPerTick < 1) {
			throw new InvalidSettingException("dim.migrator.tasks-per-tick", "must be at least 1");
		}
		if (concurrency < 1) {
			throw new InvalidSettingException("dim.migrator.concurrency", "must be at least 1");
		}
		if (maxAttempts < 1) {
			throw new InvalidSettingException("dim.migrator.max-attempts", "must be at least 1");
		}
		if (partSize.toBytes() < 5 * 1024 * 1024) {
			throw new InvalidSettingException("dim.migrator.part-size", "must be at least 5MB (the S3 minimum)");
		}
		if (multipartThreshold.toBytes() < partSize.toBytes()) {
			throw new InvalidSettingException("dim.migrator.multipart-threshold", "must be at least the part size");
		}
		if (copyOnReadWait.isNegative()) {
			throw new InvalidSettingException("dim.migrator.copy-on-read-wait", "must not be negative");
		}
		if (lease.toSeconds() < 5) {
			throw new InvalidSettingException("dim.migrator.lease", "must be at least 5s");
		}
	}

}
