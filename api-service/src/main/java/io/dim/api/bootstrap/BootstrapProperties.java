package io.dim.api.bootstrap;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

import io.dim.model.config.InvalidSettingException;

/**
 * The sample set bootstrap uploads.
 *
 * @param objects how many objects
 * @param minBytes size of the smallest
 * @param maxBytes size of the largest (sizes in between are log-uniform)
 * @param seed seed of the deterministic contents
 */
@ConfigurationProperties("dim.bootstrap")
public record BootstrapProperties(@DefaultValue("60") int objects, @DefaultValue("1024") int minBytes,
		@DefaultValue("20971520") int maxBytes, @DefaultValue("42") long seed) {

	public BootstrapProperties {
		if (objects < 1 || objects > 100_000) {
			throw new InvalidSettingException("dim.bootstrap.objects", "must be between 1 and 100000");
		}
		if (minBytes < 1 || maxBytes < minBytes) {
			throw new InvalidSettingException("dim.bootstrap.max-bytes", "need 1 <= min-bytes <= max-bytes");
		}
	}

}
