package io.dim.api.web;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;

import io.dim.model.config.DimProperties;
import io.dim.model.web.ApiKeyFilter;
import io.dim.model.web.UnreadableBodyHandler;

/**
 * Every mutating api-service request needs the API key; unreadable bodies name the field.
 */
@Configuration(proxyBeanMethods = false)
@Import(UnreadableBodyHandler.class)
class WebConfiguration {

	@Bean
	ApiKeyFilter apiKeyFilter(DimProperties properties) {
		return new ApiKeyFilter(properties);
	}

}
