package io.dim.api.s3;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

import io.dim.model.config.InvalidSettingException;

/**
 * Settings of the chaos faults ({@code dim.chaos.*}).
 *
 * @param refreshInterval how often each instance reloads the faults from the database, so
 * a fault injected through another instance reaches it (the instance asked applies it at
 * once)
 */
@ConfigurationProperties("dim.chaos")
public record ChaosProperties(@DefaultValue("1s") Duration refreshInterval) {

	public ChaosProperties {
		if (refreshInterval.toMillis() < 100 || refreshInterval.compareTo(Duration.ofMinutes(1)) > 0) {
			throw new InvalidSettingException("dim.chaos.refresh-interval", "must be between 100ms and 1m");
		}
	}

}
