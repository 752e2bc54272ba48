package io.dim.ml.replay;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import io.dim.ml.MlApplication;
import io.dim.model.testing.TestDatabases;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * GET /whatif on a live history: access_bucket and file_meta rows written as
 * stream-service and bootstrap write them, replayed by a running ml-service.
 */
class WhatIfTests {

	private static final String KEY = "whatif-test-admin-key-03";

	private static final String READ_KEY = "whatif-test-read-key-04";

	private final HttpClient http = HttpClient.newHttpClient();

	@Test
	void comparesThePoliciesOnTheRecentHistory(@TempDir Path dir) throws Exception {
		String url = TestDatabases.sqliteUrl(dir);
		TestDatabases.migrate(url);
		try (ConfigurableApplicationContext context = new SpringApplicationBuilder(MlApplication.class)
			.properties("spring.main.banner-mode=off")
			.run("--server.port=0", "--spring.datasource.url=" + url, "--dim.ml.models-dir=" + dir.resolve("models"),
					"--dim.api-key=" + KEY, "--dim.read-api-key=" + READ_KEY,
					"--spring.kafka.listener.auto-startup=false", "--spring.kafka.admin.auto-create=false")) {
			String base = "http://127.0.0.1:" + context.getEnvironment().getProperty("local.server.port");
			HttpResponse<String> empty = get(base + "/whatif?days=7", READ_KEY);
			assertThat(empty.statusCode()).isEqualTo(400);
			assertThat(empty.body()).contains("no access history");
			// An hour of history, as after a first burst: too short, and how it gets long
			// enough.
			try (Connection connection = DriverManager.getConnection(url);
					var statement = connection.createStatement()) {
				long hour = System.currentTimeMillis() / 3_600_000L * 3_600_000L;
				statement.executeUpdate("INSERT INTO file_meta (object_key, size_bytes, content_type, sha256, "
						+ "version_token, created_at) VALUES ('burst.bin', 1000, 'application/octet-stream', '"
						+ "0".repeat(64) + "', '', 0)");
				statement.executeUpdate("INSERT INTO access_bucket (object_key, bucket_start, reads, writes, bytes) "
						+ "VALUES ('burst.bin', " + hour + ", 100, 0, 0)");
				HttpResponse<String> brief = get(base + "/whatif", READ_KEY);
				assertThat(brief.statusCode()).isEqualTo(400);
				assertThat(brief.body()).contains("too short to compare the policies")
					.contains("scripts/ml-train --simulate");
				// Asked with progress, the refusal still comes before any line, as
				// problem
				// JSON.
				HttpResponse<String> briefWithProgress = get(base + "/whatif", READ_KEY, "application/x-ndjson");
				assertThat(briefWithProgress.statusCode()).isEqualTo(400);
				assertThat(briefWithProgress.headers().firstValue("Content-Type").orElse(""))
					.startsWith("application/problem+json");
				assertThat(briefWithProgress.body()).contains("too short to compare the policies");
				statement.executeUpdate("DELETE FROM access_bucket WHERE object_key = 'burst.bin'");
				statement.executeUpdate("DELETE FROM file_meta WHERE object_key = 'burst.bin'");
			}

			long accesses = history(url, dir);
			assertThat(get(base + "/whatif", null).statusCode()).isEqualTo(401);
			HttpResponse<String> answer = get(base + "/whatif?days=30&policy=all-fastest,heat-bands,dim", READ_KEY);
			assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200);
			JsonNode report = JsonMapper.builder().build().readTree(answer.body());
			assertThat(report.get("events").asLong()).isEqualTo(accesses);
			assertThat(report.get("results")).hasSize(3);
			assertThat(report.at("/results/0/policy").asString()).isEqualTo("all-fastest");
			assertThat(report.at("/results/0/reads").asLong()).isPositive();
			assertThat(report.at("/results/2/reads").asLong()).isEqualTo(report.at("/results/0/reads").asLong());
			assertThat(report.get("dimRelative").has("heat-bands")).isTrue();
			// dim's forecasts are checked against what followed them, when it had a
			// forecaster.
			if (report.get("forecaster").asString().startsWith("none")) {
				assertThat(report.get("forecastCheck").isNull()).isTrue();
			}
			else {
				assertThat(report.at("/forecastCheck/forecasts").asLong()).isPositive();
				assertThat(report.at("/forecastCheck/forecastOf").asString()).isNotBlank();
			}
			// The dormant 10 GB object nobody read still costs its storage on aws + azure
			// (all-fastest) over the evaluated period.
			assertThat(report.get("objects").asLong()).isEqualTo(61);
			double months = (java.time.Instant.parse(report.get("to").asString()).toEpochMilli()
					- java.time.Instant.parse(report.get("evaluatedFrom").asString()).toEpochMilli())
					/ (30 * 86_400_000.0);
			assertThat(report.at("/results/0/storageCost").asDouble())
				.isGreaterThan(10 * (0.023 + 0.018) * months * 0.99);

			assertThat(report.get("slaLatencyMs").asDouble()).isEqualTo(100);

			// With progress: lines as the forecaster trains and each policy replays, then
			// the same report.
			HttpResponse<String> streamed = get(base + "/whatif?days=30&policy=all-fastest,heat-bands,dim", READ_KEY,
					"application/x-ndjson");
			assertThat(streamed.statusCode()).as(streamed.body()).isEqualTo(200);
			assertThat(streamed.headers().firstValue("Content-Type").orElse("")).startsWith("application/x-ndjson");
			List<JsonNode> lines = streamed.body().lines().map(JsonMapper.builder().build()::readTree).toList();
			List<String> progress = lines.subList(0, lines.size() - 1)
				.stream()
				.map((line) -> line.get("progress").asString())
				.toList();
			assertThat(progress).contains("all-fastest: 100% of " + accesses + " events",
					"heat-bands: 100% of " + accesses + " events", "dim: 100% of " + accesses + " events");
			assertThat(progress).anyMatch((line) -> line.startsWith("dim: 10% of "));
			JsonNode last = lines.get(lines.size() - 1).get("report");
			assertThat(last.get("events").asLong()).isEqualTo(accesses);
			assertThat(last.at("/results/0/storageCost").asDouble())
				.isEqualTo(report.at("/results/0/storageCost").asDouble());
			assertThat(last.get("evaluatedFrom").asString()).isEqualTo(report.get("evaluatedFrom").asString());
			assertThat(report.get("replicationFactor").asInt()).isEqualTo(2);

			// What if: another SLA and replication factor than the deployment's. At 50 ms
			// only aws meets the SLA, so the cheapest placement ({azure, gcp}) serves the
			// hot reads outside it; with three replicas everything is stored three times.
			JsonNode cheapest = whatIf(base, "days=30&policy=all-cheapest");
			JsonNode strict = whatIf(base, "days=30&policy=all-cheapest&slaMs=50");
			assertThat(strict.get("slaLatencyMs").asDouble()).isEqualTo(50);
			assertThat(strict.at("/results/0/readsOutsideSla").asLong())
				.isGreaterThan(cheapest.at("/results/0/readsOutsideSla").asLong());
			JsonNode three = whatIf(base, "days=30&policy=all-fastest&replicas=3");
			assertThat(three.get("replicationFactor").asInt()).isEqualTo(3);
			assertThat(three.at("/results/0/storageCost").asDouble())
				.isGreaterThan(report.at("/results/0/storageCost").asDouble() * 1.1);

			for (String bad : new String[] { "days=0", "days=91", "policy=cheapest", "slaMs=0", "slaMs=60001",
					"replicas=0", "replicas=4" }) {
				HttpResponse<String> refused = get(base + "/whatif?" + bad, READ_KEY);
				assertThat(refused.statusCode()).as(bad).isEqualTo(400);
				assertThat(refused.headers().firstValue("Content-Type").orElse(""))
					.startsWith("application/problem+json");
				assertThat(refused.body()).contains(bad.substring(0, bad.indexOf('=')) + ":");
			}
			HttpResponse<String> notANumber = get(base + "/whatif?slaMs=fast", READ_KEY);
			assertThat(notANumber.statusCode()).isEqualTo(400);
			assertThat(notANumber.body()).contains("parameter 'slaMs' must be a number (got 'fast')");
		}
	}

	/**
	 * A structured trace (60 objects), stored as hourly access_bucket rows, and one
	 * dormant 10 GB object without any access; returns the accesses.
	 */
	private static long history(String url, Path dir) throws Exception {
		Path file = dir.resolve("history.csv");
		TraceCommand.write(file, 40_000, 6, 60, 11, new PrintStream(new ByteArrayOutputStream()));
		Trace trace = TraceReader.read(file, (lines) -> {
		});
		Map<String, long[]> buckets = new HashMap<>();
		for (int e = 0; e < trace.events(); e++) {
			String id = trace.object(e) + "@" + trace.time(e) / 3_600_000L * 3_600_000L;
			buckets.computeIfAbsent(id, (k) -> new long[2])[trace.isWrite(e) ? 1 : 0]++;
		}
		try (Connection connection = DriverManager.getConnection(url)) {
			connection.setAutoCommit(false);
			try (PreparedStatement meta = connection.prepareStatement("INSERT INTO file_meta (object_key, size_bytes, "
					+ "content_type, sha256, version_token, created_at) VALUES (?, ?, 'application/octet-stream', ?, '', 0)")) {
				for (int object = 0; object < trace.objectCount(); object++) {
					meta.setString(1, trace.key(object));
					meta.setLong(2, trace.size(object));
					meta.setString(3, "0".repeat(64));
					meta.addBatch();
				}
				meta.setString(1, "dormant/archive.tar");
				meta.setLong(2, 10_000_000_000L);
				meta.setString(3, "0".repeat(64));
				meta.addBatch();
				meta.executeBatch();
			}
			try (PreparedStatement insert = connection.prepareStatement(
					"INSERT INTO access_bucket (object_key, bucket_start, reads, writes, bytes) VALUES (?, ?, ?, ?, 0)")) {
				for (Map.Entry<String, long[]> bucket : buckets.entrySet()) {
					String[] parts = bucket.getKey().split("@");
					insert.setString(1, trace.key(Integer.parseInt(parts[0])));
					insert.setLong(2, Long.parseLong(parts[1]));
					insert.setLong(3, bucket.getValue()[0]);
					insert.setLong(4, bucket.getValue()[1]);
					insert.addBatch();
				}
				insert.executeBatch();
			}
			connection.commit();
		}
		return trace.events();
	}

	private JsonNode whatIf(String base, String query) throws Exception {
		HttpResponse<String> answer = get(base + "/whatif?" + query, READ_KEY);
		assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200);
		return JsonMapper.builder().build().readTree(answer.body());
	}

	private HttpResponse<String> get(String url, String key) throws Exception {
		return get(url, key, "application/json");
	}

	private HttpResponse<String> get(String url, String key, String accept) throws Exception {
		HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url)).header("Accept", accept).GET();
		if (key != null) {
			request.header("X-API-Key", key);
		}
		return this.http.send(request.build(), HttpResponse.BodyHandlers.ofString());
	}

}
