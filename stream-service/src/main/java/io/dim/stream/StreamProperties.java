package io.dim.stream;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

import io.dim.model.config.InvalidSettingException;

/**
 * Settings of stream-service.
 *
 * @param partitions partitions of dim.access when it is created
 * @param halfLife time for an object's heat to halve
 * @param bucketWidth width of the access_bucket history buckets (1h; 1m for demos)
 * @param maxFutureSkew how far in the future an event's timestamp may be before it is
 * dead-lettered
 * @param decayInterval how often the decayer materializes cooled heat
 * @param topN how many of the hottest objects get a dim_file_heat_score gauge
 * @param s3EventsTopic topic the S3 bucket-notification adapter reads
 * @param consumerEnabled whether this process consumes dim.access (off for the commands)
 * @param managedKeysRemembered how long a key found in file_meta is taken as managed
 * without asking the database again
 * @param forgottenSweepInterval how often the heat of objects no longer in the catalogue
 * is removed
 * @param dlqReplayInterval how often dead letters whose object has been adopted since are
 * sent back to dim.access (replay-dlq)
 */
@ConfigurationProperties("dim.stream")
public record StreamProperties(@DefaultValue("6") int partitions, @DefaultValue("1h") Duration halfLife,
		@DefaultValue("1h") Duration bucketWidth, @DefaultValue("5m") Duration maxFutureSkew,
		@DefaultValue("10s") Duration decayInterval, @DefaultValue("50") int topN,
		@DefaultValue("dim.s3.events") String s3EventsTopic, @DefaultValue("true") boolean consumerEnabled,
		@DefaultValue("60s") Duration managedKeysRemembered, @DefaultValue("60s") Duration forgottenSweepInterval,
		@DefaultValue("1m") Duration dlqReplayInterval) {

	public StreamProperties {
		if (partitions < 1) {
			throw new InvalidSettingException("dim.stream.partitions", "must be at least 1");
		}
		if (halfLife.isZero() || halfLife.isNegative()) {
			throw new InvalidSettingException("dim.stream.half-life", "must be positive");
		}
		if (bucketWidth.toMillis() < 1000) {
			throw new InvalidSettingException("dim.stream.bucket-width", "must be at least 1s");
		}
		if (managedKeysRemembered.isNegative()) {
			throw new InvalidSettingException("dim.stream.managed-keys-remembered", "must not be negative");
		}
		if (forgottenSweepInterval.isZero() || forgottenSweepInterval.isNegative()) {
			throw new InvalidSettingException("dim.stream.forgotten-sweep-interval", "must be positive");
		}
		if (dlqReplayInterval.toMillis() < 1000) {
			throw new InvalidSettingException("dim.stream.dlq-replay-interval", "must be at least 1s");
		}
		if (topN < 0 || topN > 500) {
			throw new InvalidSettingException("dim.stream.top-n", "must be between 0 and 500");
		}
	}

}
