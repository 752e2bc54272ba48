package io.dim.api.read;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

import io.dim.model.config.InvalidSettingException;

/**
 * Settings of the READ access events api-service records for the reads it serves
 * ({@code dim.read-events.*}).
 *
 * @param resendInterval how often events spooled while Kafka did not take them are sent
 * again (after a refusal, new events go straight to the spool until a resend gets
 * through)
 * @param spoolMax most events the spool holds; beyond it, events are dropped and counted
 */
@ConfigurationProperties("dim.read-events")
public record ReadEventsProperties(@DefaultValue("10s") Duration resendInterval,
		@DefaultValue("1000000") int spoolMax) {

	public ReadEventsProperties {
		if (resendInterval.toMillis() < 100 || resendInterval.compareTo(Duration.ofHours(1)) > 0) {
			throw new InvalidSettingException("dim.read-events.resend-interval", "must be between 100ms and 1h");
		}
		if (spoolMax < 0 || spoolMax > 100_000_000) {
			throw new InvalidSettingException("dim.read-events.spool-max", "must be between 0 and 100000000");
		}
	}

}
