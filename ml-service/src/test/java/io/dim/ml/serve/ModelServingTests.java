package io.dim.ml.serve;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import io.dim.ml.MlApplication;
import io.dim.ml.dataset.FeatureRow;
import io.dim.ml.dataset.ParquetDataset;
import io.dim.ml.train.ForecastQualityTests;
import io.dim.ml.train.Task;
import io.dim.ml.train.TrainCommand;
import io.dim.model.security.AccessTable;
import io.dim.model.testing.RouteAccessChecks;
import io.dim.model.testing.TestDatabases;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The whole model path: a Parquet snapshot, {@code train-tiers} and
 * {@code train-forecast} writing models and metrics, and ml-service serving them over
 * HTTP (503 before a model, API key on load, predictions, 400 on bad rows, a broken file
 * keeping the model loaded before).
 */
class ModelServingTests {

	static final String KEY = "serving-test-admin-key-01";

	static final String READ_KEY = "serving-test-read-key-02";

	final JsonMapper json = JsonMapper.builder().build();

	final HttpClient http = HttpClient.newHttpClient();

	@TempDir
	Path dir;

	@Test
	void trainsModelsAndServesThem() throws Exception {
		Path data = this.dir.resolve("snapshot.parquet");
		List<FeatureRow> rows = ForecastQualityTests.dataset(120, 48, 3);
		ParquetDataset.write(data, rows, Map.of(ParquetDataset.HORIZON_MS, "3600000"));
		Path models = this.dir.resolve("models");

		String url = TestDatabases.sqliteUrl(this.dir);
		TestDatabases.migrate(url);
		try (ConfigurableApplicationContext context = new SpringApplicationBuilder(MlApplication.class)
			.properties("spring.main.banner-mode=off")
			.run("--server.port=0", "--spring.datasource.url=" + url, "--dim.ml.models-dir=" + models,
					"--dim.api-key=" + KEY, "--dim.read-api-key=" + READ_KEY,
					"--spring.kafka.listener.auto-startup=false", "--spring.kafka.admin.auto-create=false")) {
			String base = "http://127.0.0.1:" + context.getEnvironment().getProperty("local.server.port");
			// Every 20th row: all kinds of objects, early and late.
			List<io.dim.model.features.Features> sample = java.util.stream.IntStream.range(0, rows.size())
				.filter((i) -> i % 20 == 0)
				.mapToObj((i) -> rows.get(i).features())
				.toList();
			String batch = this.json.writeValueAsString(Map.of("rows", sample));

			// Every route is in the access table, and it holds: /predict is a read,
			// /models/load needs the admin key.
			AccessTable table = context.getBean(AccessTable.class);
			var mapped = RouteAccessChecks.mappedRoutes(context);
			assertThat(mapped).contains("POST /predict", "POST /models/load");
			assertThat(RouteAccessChecks.unlisted(table, mapped)).isEmpty();
			assertThat(RouteAccessChecks.stale(table, mapped)).isEmpty();
			RouteAccessChecks.assertEnforced(base, table, READ_KEY, KEY);
			assertThat(post(base + "/predict", batch, null).statusCode()).isEqualTo(401);

			HttpResponse<String> none = post(base + "/predict", batch, READ_KEY);
			assertThat(none.statusCode()).isEqualTo(503);
			assertThat(none.headers().firstValue("Content-Type"))
				.hasValueSatisfying((type) -> assertThat(type).startsWith("application/problem+json"));
			assertThat(none.body()).contains("no model is loaded");
			HttpResponse<String> nothingToLoad = post(base + "/models/load", "", KEY);
			assertThat(nothingToLoad.statusCode()).isEqualTo(409);
			assertThat(this.json.readTree(nothingToLoad.body()).get("detail").asString())
				.startsWith("no model could be loaded: tiers: no model at ")
				.contains("forecast: no model at ");

			for (String command : List.of("train-tiers", "train-forecast")) {
				String task = command.substring("train-".length());
				ByteArrayOutputStream out = new ByteArrayOutputStream();
				int code = TrainCommand.run(
						new String[] { command, "--data", data.toString(), "--out",
								models.resolve(task + ".model").toString(), "--metrics",
								models.resolve(task + "-metrics.json").toString() },
						new PrintStream(out, true, StandardCharsets.UTF_8), System.err);
				assertThat(code).isEqualTo(0);
				assertThat(out.toString(StandardCharsets.UTF_8)).contains(command + ": read " + rows.size() + " rows")
					.contains("training random-forest")
					.contains("training logistic-regression")
					.contains("heat-band baseline")
					.contains(command + ": kept ");
				JsonNode metrics = this.json.readTree(models.resolve(task + "-metrics.json").toFile());
				assertThat(metrics.get("task").asString()).isEqualTo(task);
				assertThat(metrics.get("candidates")).hasSize(2);
				assertThat(metrics.get("why").asString()).contains(metrics.get("chosen").asString());
				assertThat(metrics.at("/data/testRows").asLong()).isPositive();
				assertThat(metrics.at("/data/trainRows").asLong()).isPositive();
				assertThat(metrics.at("/candidates/0/trainingSeconds").asDouble()).isPositive();
				assertThat(metrics.at("/candidates/0/metrics/confusion").properties()).isNotEmpty();
				assertThat(metrics.at("/baseline/metrics/perClass").properties()).isNotEmpty();
				assertThat(metrics.get("provenance").asString()).contains("dim-version");
				if (task.equals("forecast")) {
					assertThat(metrics.at("/candidates/0/metrics/rocAuc").isNumber()).isTrue();
					assertThat(metrics.at("/baseline/metrics/rocAuc").isNumber()).isTrue();
				}
			}

			HttpResponse<String> anonymous = post(base + "/models/load", "", null);
			assertThat(anonymous.statusCode()).isEqualTo(401);
			assertThat(post(base + "/models/load", "", READ_KEY).statusCode()).isEqualTo(403);

			HttpResponse<String> loaded = post(base + "/models/load", "", KEY);
			assertThat(loaded.statusCode()).isEqualTo(200);
			JsonNode report = this.json.readTree(loaded.body());
			String tierVersion = report.at("/models/tiers/version").asString();
			assertThat(tierVersion).startsWith("tiers-");
			assertThat(report.at("/models/forecast/version").asString()).startsWith("forecast-");
			assertThat(report.at("/models/forecast/metrics/chosen").isString()).isTrue();
			assertThat(report.get("problems")).isEmpty();

			HttpResponse<String> predicted = post(base + "/predict", batch, READ_KEY);
			assertThat(predicted.statusCode()).isEqualTo(200);
			JsonNode answer = this.json.readTree(predicted.body());
			assertThat(answer.get("tierModel").asString()).isEqualTo(tierVersion);
			assertThat(answer.get("predictions")).hasSize(sample.size());
			for (JsonNode prediction : answer.get("predictions")) {
				assertThat(prediction.get("tier").asString()).isIn("hot", "warm", "cold");
				double sum = 0;
				for (String tier : List.of("hot", "warm", "cold")) {
					double p = prediction.at("/tierProbabilities/" + tier).asDouble();
					assertThat(p).isBetween(0.0, 1.0);
					sum += p;
				}
				assertThat(sum).isBetween(0.99, 1.01);
			}
			// The forecaster answers for objects accessed within the last day, the ones
			// it is trained on; for the others it says nothing (null), the tier model
			// still answers.
			int covered = 0;
			for (int i = 0; i < sample.size(); i++) {
				JsonNode hotSoon = answer.get("predictions").get(i).get("hotSoonProbability");
				if (Task.FORECAST.covers(sample.get(i))) {
					assertThat(hotSoon.asDouble()).isBetween(0.0, 1.0);
					covered++;
				}
				else {
					assertThat(hotSoon.isNull()).as("row %d, %s", i, sample.get(i)).isTrue();
				}
			}
			assertThat(covered).isPositive().isLessThan(sample.size());

			String badHour = batch.replaceFirst("\"hourOfDay\":\\d+", "\"hourOfDay\":25");
			HttpResponse<String> bad = post(base + "/predict", badHour, READ_KEY);
			assertThat(bad.statusCode()).isEqualTo(400);
			assertThat(this.json.readTree(bad.body()).get("detail").asString())
				.isEqualTo("rows[0].hourOfDay must be 0 to 23 (got 25)");
			HttpResponse<String> missing = post(base + "/predict", "{\"rows\":[{\"tierNow\":\"lukewarm\"}]}", READ_KEY);
			assertThat(missing.statusCode()).isEqualTo(400);
			assertThat(this.json.readTree(missing.body()).get("detail").asString())
				.isEqualTo("rows[0].sizeBytes: is required");

			Files.writeString(models.resolve("tiers.model"), "not a model");
			JsonNode broken = this.json.readTree(post(base + "/models/load", "", KEY).body());
			assertThat(broken.at("/models/tiers/version").asString()).isEqualTo(tierVersion);
			assertThat(broken.get("problems").get(0).asString()).startsWith("tiers: cannot load")
				.endsWith("(keeping the one loaded before)");

			HttpResponse<String> metrics = this.http.send(HttpRequest.newBuilder(URI.create(base + "/metrics")).build(),
					HttpResponse.BodyHandlers.ofString());
			assertThat(metrics.body()).contains("dim_ml_model_loaded{application=\"ml-service\",task=\"tiers\"} 1")
				.contains("dim_ml_predictions_total");
		}
	}

	private HttpResponse<String> post(String url, String body, String key) throws Exception {
		HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url))
			.header("Content-Type", "application/json")
			.POST(HttpRequest.BodyPublishers.ofString(body));
		if (key != null) {
			request.header("X-API-Key", key);
		}
		return this.http.send(request.build(), HttpResponse.BodyHandlers.ofString());
	}

}
