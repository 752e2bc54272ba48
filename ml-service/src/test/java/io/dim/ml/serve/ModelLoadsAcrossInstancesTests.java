package io.dim.ml.serve;

import java.io.OutputStream;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import io.dim.ml.MlApplication;
import io.dim.ml.dataset.ParquetDataset;
import io.dim.ml.train.ForecastQualityTests;
import io.dim.ml.train.TrainCommand;
import io.dim.model.testing.TestDatabases;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Two ml-service instances sharing a database and a models directory: models loaded
 * through one ({@code POST /models/load}) are loaded by the other too.
 */
class ModelLoadsAcrossInstancesTests {

	static final String KEY = "model-loads-admin-key-01";

	final JsonMapper json = JsonMapper.builder().build();

	final HttpClient http = HttpClient.newHttpClient();

	@TempDir
	Path dir;

	@Test
	void modelsLoadedThroughOneInstanceAreLoadedByTheOther() throws Exception {
		Path data = this.dir.resolve("snapshot.parquet");
		ParquetDataset.write(data, ForecastQualityTests.dataset(60, 48, 3),
				Map.of(ParquetDataset.HORIZON_MS, "3600000"));
		Path models = this.dir.resolve("models");
		String url = TestDatabases.sqliteUrl(this.dir);
		TestDatabases.migrate(url);
		try (ConfigurableApplicationContext first = start(url, models);
				ConfigurableApplicationContext second = start(url, models)) {
			assertThat(loaded(second)).isEmpty();
			int code = TrainCommand.run(
					new String[] { "train-tiers", "--data", data.toString(), "--out",
							models.resolve("tiers.model").toString(), "--metrics",
							models.resolve("tiers-metrics.json").toString() },
					new PrintStream(OutputStream.nullOutputStream()), System.err);
			assertThat(code).isZero();
			assertThat(loaded(second)).as("trained, not loaded yet").isEmpty();

			HttpResponse<String> load = this.http.send(HttpRequest.newBuilder(URI.create(base(first) + "/models/load"))
				.header("X-API-Key", KEY)
				.POST(HttpRequest.BodyPublishers.noBody())
				.build(), HttpResponse.BodyHandlers.ofString());
			assertThat(load.statusCode()).as(load.body()).isEqualTo(200);
			String version = this.json.readTree(load.body()).at("/models/tiers/version").asString();

			await().atMost(Duration.ofSeconds(20))
				.untilAsserted(() -> assertThat(loaded(second).at("/tiers/version").asString()).isEqualTo(version));
		}
	}

	private ConfigurableApplicationContext start(String url, Path models) {
		return new SpringApplicationBuilder(MlApplication.class).properties("spring.main.banner-mode=off")
			.run("--server.port=0", "--spring.datasource.url=" + url, "--dim.ml.models-dir=" + models,
					"--dim.api-key=" + KEY, "--dim.ml.load-check-interval=200ms",
					"--spring.kafka.listener.auto-startup=false", "--spring.kafka.admin.auto-create=false");
	}

	private JsonNode loaded(ConfigurableApplicationContext context) throws Exception {
		HttpResponse<String> models = this.http.send(
				HttpRequest.newBuilder(URI.create(base(context) + "/models")).header("X-API-Key", KEY).build(),
				HttpResponse.BodyHandlers.ofString());
		assertThat(models.statusCode()).as(models.body()).isEqualTo(200);
		return this.json.readTree(models.body()).get("models");
	}

	private static String base(ConfigurableApplicationContext context) {
		return "http://127.0.0.1:" + context.getEnvironment().getProperty("local.server.port");
	}

}
