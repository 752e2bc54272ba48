package io.dim.model.web;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;

import io.dim.model.config.InvalidSettingException;

/**
 * The request body cap ({@code dim.web.max-body-bytes}, default 1 MiB), ahead of every
 * other filter. Imported by the services that take bodies.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
public class RequestLimitsConfiguration {

	@Bean
	FilterRegistrationBean<BodySizeLimitFilter> bodySizeLimit(
			@Value("${dim.web.max-body-bytes:1048576}") long maxBodyBytes) {
		if (maxBodyBytes < 1024) {
			throw new InvalidSettingException("dim.web.max-body-bytes",
					"must be at least 1024 (got " + maxBodyBytes + ")");
		}
		FilterRegistrationBean<BodySizeLimitFilter> registration = new FilterRegistrationBean<>(
				new BodySizeLimitFilter(maxBodyBytes));
		registration.setOrder(Ordered.HIGHEST_PRECEDENCE + 10);
		return registration;
	}

}
