package io.dim.api.read;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

import io.dim.model.config.InvalidSettingException;

/**
 * Settings of the scrubber ({@code dim.scrub.*}), which reads verified replicas back in
 * the background and checks their bytes.
 *
 * @param enabled scrub in the background
 * @param interval pause between rounds
 * @param replicasPerRound most replicas one round reads
 * @param maxBytesPerRound a round stops before reading more than this (its first replica
 * is read whatever its size)
 */
@ConfigurationProperties("dim.scrub")
public record ScrubProperties(@DefaultValue("true") boolean enabled, @DefaultValue("1m") Duration interval,
		@DefaultValue("20") int replicasPerRound, @DefaultValue("64MB") DataSize maxBytesPerRound) {

	public ScrubProperties {
		if (interval.toMillis() < 100) {
			throw new InvalidSettingException("dim.scrub.interval", "must be at least 100ms");
		}
		if (replicasPerRound < 1 || replicasPerRound > 10_000) {
			throw new InvalidSettingException("dim.scrub.replicas-per-round", "must be between 1 and 10000");
		}
		if (maxBytesPerRound.toBytes() < 1) {
			throw new InvalidSettingException("dim.scrub.max-bytes-per-round", "must be positive");
		}
	}

}
