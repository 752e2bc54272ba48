package io.dim.api.bench;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;

import io.dim.api.support.TestStack;
import io.dim.localstack.LocalStack;
import io.dim.localstack.TempDirs;

/**
 * The dashboard's object selector on a large catalogue (issue 8; a measurement, not a
 * test): the HTTP calls its lazy combo box makes (a page of 50 keys, searched by key
 * text) against api-service over a fresh SQLite database of N objects (default 100,000).
 * The reference, measured in the same run, is the cheapest call the selector triggers:
 * one object by its key ({@code GET /files/{key}}).
 */
public final class SelectorBenchmark {

	private static final int REPEATS = 25;

	private SelectorBenchmark() {
	}

	public static void main(String[] args) throws Exception {
		int objects = (args.length > 0) ? Integer.parseInt(args[0]) : 100_000;
		Path dir = TempDirs.deletedOnExit("dim-bench-selector");
		try (LocalStack stack = TestStack.startS3();
				ConfigurableApplicationContext context = BenchApi.startWeb(stack, dir)) {
			long seeding = System.nanoTime();
			BenchCatalogue.seed(context.getBean(JdbcTemplate.class), objects);
			System.out.printf(Locale.ROOT, "bench: seeded %,d objects in %.1f s%n", objects,
					(System.nanoTime() - seeding) / 1e9);
			String base = "http://127.0.0.1:" + context.getEnvironment().getProperty("local.server.port");
			HttpClient http = HttpClient.newHttpClient();
			Map<String, String> calls = new LinkedHashMap<>();
			calls.put("reference: one object by key", "/files/bench%2F0012345.bin");
			calls.put("open the selector (first 50 keys)", "/files?size=50&page=0&q=");
			calls.put("scroll far (page 1,000 of 50)", "/files?size=50&page=1000&q=");
			calls.put("type a narrow search (\"0012345\", 1 match)", "/files?size=50&page=0&q=0012345");
			calls.put("type a broad search (\"7\", most keys match)", "/files?size=50&page=0&q=7");
			calls.put("type a search with no match (\"nothing\")", "/files?size=50&page=0&q=nothing");
			double reference = 0;
			for (Map.Entry<String, String> call : calls.entrySet()) {
				double millis = medianMillis(http, base + call.getValue());
				if (reference == 0) {
					reference = millis;
				}
				System.out.printf(Locale.ROOT, "%-48s %8.1f ms median of %d  ratio %.1f%n", call.getKey(), millis,
						REPEATS, millis / reference);
			}
		}
	}

	private static double medianMillis(HttpClient http, String url) throws Exception {
		HttpRequest request = HttpRequest.newBuilder(URI.create(url))
			.header("X-API-Key", io.dim.api.support.Http.READ_KEY)
			.GET()
			.build();
		for (int i = 0; i < 5; i++) { // warm-up
			check(http.send(request, HttpResponse.BodyHandlers.ofString()), url);
		}
		double[] millis = new double[REPEATS];
		for (int i = 0; i < REPEATS; i++) {
			long started = System.nanoTime();
			check(http.send(request, HttpResponse.BodyHandlers.ofString()), url);
			millis[i] = (System.nanoTime() - started) / 1e6;
		}
		Arrays.sort(millis);
		return millis[REPEATS / 2];
	}

	private static void check(HttpResponse<String> response, String url) {
		if (response.statusCode() != 200) {
			throw new IllegalStateException(url + " answered " + response.statusCode() + ": " + response.body());
		}
	}

}
