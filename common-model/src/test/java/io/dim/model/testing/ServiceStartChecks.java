package io.dim.model.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Start-up behaviour every service but api-service shares: it waits for api-service to
 * migrate the schema (and gives up with a clear message), then serves /health and
 * /metrics.
 */
public final class ServiceStartChecks {

	private ServiceStartChecks() {
	}

	public static void assertWaitsForTheSchemaThenServes(Class<?> application, Path tempDir) throws Exception {
		String url = TestDatabases.sqliteUrl(tempDir);

		assertThatThrownBy(() -> start(application, url, "PT1S").close())
			.hasStackTraceContaining("database schema not ready after 1 s")
			.hasStackTraceContaining("start api-service");

		CompletableFuture<ConfigurableApplicationContext> starting = CompletableFuture
			.supplyAsync(() -> start(application, url, "PT60S"));
		TestDatabases.migrate(url);
		try (ConfigurableApplicationContext context = starting.get(60, TimeUnit.SECONDS)) {
			String base = "http://127.0.0.1:" + context.getEnvironment().getProperty("local.server.port");
			HttpClient http = HttpClient.newHttpClient();
			HttpResponse<String> health = http.send(HttpRequest.newBuilder(URI.create(base + "/health")).build(),
					HttpResponse.BodyHandlers.ofString());
			assertThat(health.statusCode()).isEqualTo(200);
			assertThat(health.body()).contains("\"status\":\"UP\"").contains("\"db\"");
			HttpResponse<String> metrics = http.send(HttpRequest.newBuilder(URI.create(base + "/metrics")).build(),
					HttpResponse.BodyHandlers.ofString());
			assertThat(metrics.statusCode()).isEqualTo(200);
			assertThat(metrics.body()).contains("jvm_memory_used_bytes");
		}
	}

	private static ConfigurableApplicationContext start(Class<?> application, String url, String schemaWait) {
		return new SpringApplicationBuilder(application).properties("spring.main.banner-mode=off")
			.run("--server.port=0", "--spring.datasource.url=" + url, "--dim.db.schema-wait=" + schemaWait,
					"--dim.api-key=service-start-check-admin-key",
					// No broker here: these checks are about the database.
					"--spring.kafka.listener.auto-startup=false", "--spring.kafka.admin.auto-create=false");
	}

}
