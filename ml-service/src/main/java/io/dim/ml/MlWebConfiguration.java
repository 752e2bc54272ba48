package io.dim.ml;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;

import io.dim.model.config.DimProperties;
import io.dim.model.web.ApiKeyFilter;
import io.dim.model.web.UnreadableBodyHandler;

/**
 * Loading models needs the API key; {@code POST /predict} only carries a batch and
 * changes nothing, so it stays open like a read.
 */
@Configuration(proxyBeanMethods = false)
@Import(UnreadableBodyHandler.class)
class MlWebConfiguration {

	@Bean
	ApiKeyFilter apiKeyFilter(DimProperties properties) {
		return new ApiKeyFilter(properties, (request) -> "/predict".equals(request.getRequestURI()));
	}

}
