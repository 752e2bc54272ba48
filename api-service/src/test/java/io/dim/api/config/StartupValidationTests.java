package io.dim.api.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

import io.dim.api.ApiApplication;
import io.dim.api.support.TestStack;

/**
 * A bad setting stops api-service at start with a short report whose description is one
 * line naming the variable and the problem.
 */
@ExtendWith(OutputCaptureExtension.class)
class StartupValidationTests {

	@ParameterizedTest
	@CsvSource(delimiter = '|',
			textBlock = """
					dim.s3-endpoints=not json                          | S3_ENDPOINTS: invalid JSON
					dim.s3-endpoints=[{"name":"x","url":"http://h","access_key":"a","secret_key":"s","bucket":"bkt","latency_ms":1,"cost_per_gb":-2}] | S3_ENDPOINTS: endpoint 'x': field 'cost_per_gb' must not be negative (got -2)
					dim.sla-latency-ms=-5                              | SLA_LATENCY_MS: must be a positive number of milliseconds
					dim.replication-factor=4                           | REPLICATION_FACTOR: is 4 but only 3 endpoints are configured
					spring.datasource.url=jdbc:mysql://db/dim          | DB_URL: must start with jdbc:sqlite: or jdbc:postgresql:
					""")
	void refusesToStartWithOneLineNamingTheVariable(String property, String line, CapturedOutput output) {
		assertThatThrownBy(() -> start(property)).isInstanceOf(RuntimeException.class);
		assertThat(output.getAll()).contains("Description:").contains(line.trim());
	}

	@Test
	void anEnvironmentVariableThatIsNotANumberIsNamed(CapturedOutput output) {
		// Spring reads SLA_LATENCY_MS from the environment; a system property stands in
		// for it here.
		System.setProperty("SLA_LATENCY_MS", "fast");
		try {
			assertThatThrownBy(() -> start("dim.api-key=x")).isInstanceOf(RuntimeException.class);
			assertThat(output.getAll()).contains("SLA_LATENCY_MS: must be a number (got 'fast')");
		}
		finally {
			System.clearProperty("SLA_LATENCY_MS");
		}
	}

	@ParameterizedTest
	@CsvSource(delimiter = '|', textBlock = """
			dim.api-key=           | DIM_API_KEY: is required outside the dev profile
			dim.api-key=changeme   | DIM_API_KEY: is a well-known default
			dim.api-key=short-one  | DIM_API_KEY: must be at least 16 characters
			""")
	void theWebServiceRefusesAMissingOrGuessableAdminKey(String property, String line, CapturedOutput output) {
		String[] args = { "--spring.datasource.url=" + TestStack.sqliteUrl(), "--server.port=0",
				"--spring.kafka.listener.auto-startup=false", "--spring.kafka.admin.auto-create=false",
				"--" + property.trim() };
		assertThatThrownBy(
				() -> new SpringApplicationBuilder(ApiApplication.class).properties("spring.main.banner-mode=off")
					.run(args)
					.close())
			.isInstanceOf(RuntimeException.class);
		assertThat(output.getAll()).contains("Description:").contains(line.trim());
	}

	private static void start(String property) {
		// Command-line arguments, like the environment, outrank the defaults; builder
		// properties would not.
		String[] args = property.startsWith("spring.datasource.url=") ? new String[] { "--" + property }
				: new String[] { "--spring.datasource.url=" + TestStack.sqliteUrl(), "--" + property };
		new SpringApplicationBuilder(ApiApplication.class).web(WebApplicationType.NONE)
			.properties("spring.main.banner-mode=off")
			.run(args)
			.close();
	}

}
