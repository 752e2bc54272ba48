package io.dim.api.support;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * A small HTTP client for tests against the running service; remembers every body it saw.
 */
public final class Http {

	/** The admin key the test services run with. */
	public static final String API_KEY = "test-admin-key-5b1f0c2a9e";

	/** The read key the test services run with; {@link #get} sends it. */
	public static final String READ_KEY = "test-read-key-7d3e8a41c6";

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private final HttpClient client = HttpClient.newHttpClient();

	private final String base;

	private final List<String> seenBodies = new ArrayList<>();

	public Http(int port) {
		this.base = "http://127.0.0.1:" + port;
	}

	/** Bootstraps the sample objects unless the catalogue has some already. */
	public Http bootstrapOnce() {
		if (get("/files").json().get("total").asLong() == 0) {
			Response bootstrap = post("/admin/bootstrap", API_KEY);
			if (bootstrap.status() != 200) {
				throw new IllegalStateException("bootstrap failed: " + bootstrap.body());
			}
		}
		return this;
	}

	/** GET with the read key (reads need one outside the dev profile). */
	public Response get(String path) {
		return get(path, READ_KEY);
	}

	/** GET with this key, or none when null. */
	public Response get(String path, String apiKey) {
		return get(path, apiKey, "*/*");
	}

	/** GET with this key (or none when null), accepting {@code accept}. */
	public Response get(String path, String apiKey, String accept) {
		HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(this.base + path))
			.header("Accept", accept)
			.GET();
		if (apiKey != null) {
			request.header("X-API-Key", apiKey);
		}
		return send(request);
	}

	/** Any method without a body, with the read key and these headers. */
	public Response call(String method, String path, Map<String, String> headers) {
		HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(this.base + path))
			.header("X-API-Key", READ_KEY)
			.method(method, HttpRequest.BodyPublishers.noBody());
		headers.forEach(request::header);
		return send(request);
	}

	/** The value of one series on /metrics, e.g. {@code dim_x_total{endpoint="aws"}}. */
	public double metric(String series) {
		return get("/metrics").body()
			.lines()
			.filter((line) -> line.startsWith(series + " "))
			.mapToDouble((line) -> Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1)))
			.findFirst()
			.orElseThrow(() -> new AssertionError("no series " + series));
	}

	/** The live alerts (open or acknowledged) of one rule. */
	public List<JsonNode> liveAlerts(String rule) {
		List<JsonNode> out = new ArrayList<>();
		for (String state : List.of("open", "acked")) {
			for (JsonNode alert : get("/alerts?state=" + state).json()) {
				if (alert.get("rule").asString().equals(rule)) {
					out.add(alert);
				}
			}
		}
		return out;
	}

	public Response post(String path, String apiKey) {
		return post(path, apiKey, "application/json");
	}

	public Response post(String path, String apiKey, String accept) {
		HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(this.base + path))
			.header("Accept", accept)
			.POST(HttpRequest.BodyPublishers.noBody());
		if (apiKey != null) {
			request.header("X-API-Key", apiKey);
		}
		return send(request);
	}

	public Response postJson(String path, String apiKey, String json) {
		return postJson(path, apiKey, json, "application/json");
	}

	public Response postJson(String path, String apiKey, String json, String accept) {
		HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(this.base + path))
			.header("Accept", accept)
			.header("Content-Type", "application/json")
			.POST(HttpRequest.BodyPublishers.ofString(json));
		if (apiKey != null) {
			request.header("X-API-Key", apiKey);
		}
		return send(request);
	}

	private Response send(HttpRequest.Builder request) {
		try {
			HttpResponse<String> response = this.client.send(request.build(),
					HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
			this.seenBodies.add(response.body());
			return new Response(response.statusCode(), response.headers().firstValue("Content-Type").orElse(""),
					response.body(), response.headers().map());
		}
		catch (IOException ex) {
			throw new java.io.UncheckedIOException(ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

	public List<String> seenBodies() {
		return List.copyOf(this.seenBodies);
	}

	/** A response with its body parsed on demand. */
	public record Response(int status, String contentType, String body, java.util.Map<String, List<String>> headers) {

		public JsonNode json() {
			return JSON.readTree(this.body);
		}

		public <T> T as(Class<T> type) {
			return JSON.readValue(this.body, type);
		}

		/** The first value of a header (names are case-insensitive), or null. */
		public String header(String name) {
			return this.headers.entrySet()
				.stream()
				.filter((e) -> e.getKey().equalsIgnoreCase(name))
				.map((e) -> e.getValue().get(0))
				.findFirst()
				.orElse(null);
		}

	}

}
