package io.dim.stream;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;

import io.dim.model.security.AccessTable;
import io.dim.model.security.ApiSecurityConfiguration;

/**
 * stream-service serves only health, info and the metrics scrape over HTTP (its commands
 * run from the command line); anything else needs the admin key.
 */
@Configuration(proxyBeanMethods = false)
@Import(ApiSecurityConfiguration.class)
class StreamWebConfiguration {

	@Bean
	AccessTable accessTable() {
		return AccessTable.of(AccessTable.ACTUATOR);
	}

}
