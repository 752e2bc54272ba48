package io.dim.api.tools;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Settings of the migration tools ({@code dim.tools.*}).
 *
 * @param timeout a tool run is stopped after this long
 * @param rcloneBinary name or path of rclone
 * @param s5cmdBinary name or path of s5cmd
 * @param maxObjects most objects one prefix copy may touch
 * @param maxConcurrent tool runs at once; one more is answered 429
 */
@ConfigurationProperties("dim.tools")
public record ToolsProperties(@DefaultValue("10m") Duration timeout, @DefaultValue("rclone") String rcloneBinary,
		@DefaultValue("s5cmd") String s5cmdBinary, @DefaultValue("10000") int maxObjects,
		@DefaultValue("2") int maxConcurrent) {

	public ToolsProperties {
		if (maxConcurrent < 1) {
			throw new io.dim.model.config.InvalidSettingException("dim.tools.max-concurrent",
					"must be at least 1 (got " + maxConcurrent + ")");
		}
		if (timeout.isNegative() || timeout.isZero()) {
			throw new io.dim.model.config.InvalidSettingException("dim.tools.timeout",
					"must be positive (got " + timeout + ")");
		}
	}

}
