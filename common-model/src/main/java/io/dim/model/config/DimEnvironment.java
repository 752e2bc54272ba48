package io.dim.model.config;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.LinkedHashMap;
import java.util.Map;

import org.springframework.boot.EnvironmentPostProcessor;
import org.springframework.boot.SpringApplication;
import org.springframework.core.Ordered;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;
import org.springframework.core.io.ClassPathResource;
import org.springframework.core.io.support.ResourcePropertySource;

/**
 * Maps the environment variables of DESIGN.md onto {@code dim.*} properties, with the
 * local defaults. The source goes last, so a service's own configuration or a test can
 * still set {@code dim.*} directly. Numbers are checked here, where the variable's name
 * is still known, so the start-up error can name it. Also adds the defaults every service
 * shares ({@code dim-service-defaults.properties}: /health, /metrics, JPA settings).
 */
class DimEnvironment implements EnvironmentPostProcessor, Ordered {

	private static final Map<String, String> VARIABLES = new LinkedHashMap<>();

	static {
		VARIABLES.put("dim.kafka-bootstrap", "${KAFKA_BOOTSTRAP:127.0.0.1:9092}");
		VARIABLES.put("dim.sla-latency-ms", "${SLA_LATENCY_MS:100}");
		VARIABLES.put("dim.replication-factor", "${REPLICATION_FACTOR:2}");
		VARIABLES.put("dim.s3-endpoints", "${S3_ENDPOINTS:}");
		VARIABLES.put("dim.ml-service-url", "${ML_SERVICE_URL:http://127.0.0.1:8001}");
		VARIABLES.put("dim.api-key", "${DIM_API_KEY:}");
		VARIABLES.put("dim.read-api-key", "${DIM_READ_API_KEY:}");
		VARIABLES.put("dim.reads-need-key", "${DIM_READS_NEED_KEY:}");
		VARIABLES.put("dim.previous-api-key", "${DIM_PREVIOUS_API_KEY:}");
		VARIABLES.put("dim.previous-read-api-key", "${DIM_PREVIOUS_READ_API_KEY:}");
	}

	@Override
	public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
		requireNumber(environment, "SLA_LATENCY_MS", false);
		requireNumber(environment, "REPLICATION_FACTOR", true);
		environment.getPropertySources().addLast(new MapPropertySource("dimEnvironment", Map.copyOf(VARIABLES)));
		try {
			environment.getPropertySources()
				.addLast(new ResourcePropertySource("dimServiceDefaults",
						new ClassPathResource("dim-service-defaults.properties")));
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	private static void requireNumber(ConfigurableEnvironment environment, String variable, boolean whole) {
		String value = environment.getProperty(variable);
		if (value == null) {
			return;
		}
		try {
			if (whole) {
				Integer.parseInt(value.trim());
			}
			else {
				Double.parseDouble(value.trim());
			}
		}
		catch (NumberFormatException ex) {
			throw new InvalidSettingException(variable,
					"must be a " + (whole ? "whole number" : "number") + " (got '" + value + "')");
		}
	}

	@Override
	public int getOrder() {
		return Ordered.LOWEST_PRECEDENCE;
	}

}
