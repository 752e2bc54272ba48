package io.dim.stream;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;

import io.dim.model.security.AccessTable;
import io.dim.model.security.ApiSecurityConfiguration;
import io.dim.model.web.ProblemJsonConfiguration;

/**
 * stream-service serves only health, info and the metrics scrape over HTTP (its commands
 * run from the command line); anything else is a 404 that says there is no such route, in
 * the same words as the other services ({@link ProblemJsonConfiguration}).
 */
@Configuration(proxyBeanMethods = false)
@Import({ ApiSecurityConfiguration.class, ProblemJsonConfiguration.class })
class StreamWebConfiguration {

	@Bean
	AccessTable accessTable() {
		return AccessTable.of(AccessTable.ACTUATOR);
	}

}
