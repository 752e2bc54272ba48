package io.dim.stream;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

/**
 * stream-service: consumes access events from Kafka into heat and history, and hosts the
 * producer, simulator and decayer. Serves only /health and /metrics over HTTP.
 */
@SpringBootApplication
@ConfigurationPropertiesScan
public class StreamApplication {

	public static void main(String[] args) {
		SpringApplication.run(StreamApplication.class, args);
	}

}
