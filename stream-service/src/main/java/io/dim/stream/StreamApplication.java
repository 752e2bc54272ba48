package io.dim.stream;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

import io.dim.stream.simulate.StreamCommands;

/**
 * stream-service: consumes access events from Kafka into heat and history, and hosts the
 * producer, simulator and decayer. Serves only /health and /metrics over HTTP. The first
 * argument {@code simulate}, {@code produce} or {@code decay} runs that command instead.
 */
@SpringBootApplication
@ConfigurationPropertiesScan
public class StreamApplication {

	public static void main(String[] args) {
		if (args.length > 0 && StreamCommands.NAMES.contains(args[0])) {
			System.exit(StreamCommands.run(args, System.out, System.err));
		}
		SpringApplication.run(StreamApplication.class, args);
	}

}
