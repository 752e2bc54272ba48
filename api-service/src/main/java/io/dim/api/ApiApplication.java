package io.dim.api;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

import io.dim.api.bootstrap.BootstrapCommand;

/**
 * api-service: the REST API and everything that acts on the endpoints. {@code bootstrap}
 * as the first argument runs the bootstrap once from the command line and exits.
 */
@SpringBootApplication
@ConfigurationPropertiesScan
public class ApiApplication {

	public static void main(String[] args) {
		if (args.length > 0 && args[0].equals("bootstrap")) {
			System.exit(BootstrapCommand.run(args));
		}
		SpringApplication.run(ApiApplication.class, args);
	}

}
