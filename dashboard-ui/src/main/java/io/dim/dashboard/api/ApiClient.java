package io.dim.dashboard.api;

import java.io.IOException;
import java.nio.file.Files;
import java.time.Duration;
import java.util.List;

import org.springframework.core.ParameterizedTypeReference;
import org.springframework.http.client.JdkClientHttpRequestFactory;
import org.springframework.stereotype.Component;
import org.springframework.web.client.RestClient;
import org.springframework.web.client.RestClientException;

import tools.jackson.databind.JsonNode;

import io.dim.dashboard.security.CurrentUser;

/**
 * The dashboard's only way to data: api-service's REST API, with the admin key for a
 * signed-in admin and the read key for a viewer.
 */
@Component
public class ApiClient {

	private final RestClient rest;

	/** For the few reads that compute for minutes (the what-if comparison). */
	private final RestClient slowRest;

	private final DashboardProperties properties;

	/**
	 * Read once at start: the admin key and the read key (configured or from their
	 * files).
	 */
	private final String adminKey;

	private final String readKey;

	public ApiClient(RestClient.Builder builder, DashboardProperties properties) {
		this.properties = properties;
		this.adminKey = key(properties.apiKey(), properties.apiKeyFile());
		this.readKey = key(properties.readKey(), properties.readKeyFile());
		// Every call is bounded: 2 s to connect, then its whole answer (Spring's JDK
		// client closes the body when the read timeout passes, even mid-stream). Calls
		// that stream progress get the long bound: a drain or a what-if lasts minutes.
		this.rest = client(builder.clone(), requests(properties.callTimeout()), properties);
		this.slowRest = client(builder.clone(), requests(properties.longCallTimeout()), properties);
	}

	private static JdkClientHttpRequestFactory requests(Duration timeout) {
		JdkClientHttpRequestFactory requests = new JdkClientHttpRequestFactory(
				java.net.http.HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build());
		requests.setReadTimeout(timeout);
		return requests;
	}

	private RestClient client(RestClient.Builder builder, JdkClientHttpRequestFactory requests,
			DashboardProperties properties) {
		return builder.requestFactory(requests)
			.baseUrl(properties.apiUrl().toString())
			.requestInitializer((request) -> {
				String key = apiKeyForCurrentUser();
				if (!key.isEmpty()) {
					request.getHeaders().set("X-API-Key", key);
				}
			})
			.build();
	}

	public Overview overview() {
		try {
			JsonNode page = this.rest.get().uri("/files?size=1").retrieve().body(JsonNode.class);
			List<Overview.Endpoint> endpoints = this.rest.get()
				.uri("/endpoints")
				.retrieve()
				.body(new ParameterizedTypeReference<List<Overview.Endpoint>>() {
				});
			long objects = (page != null) ? page.get("total").asLong() : 0;
			long bytes = (endpoints != null) ? endpoints.stream().mapToLong(Overview.Endpoint::bytes).sum() : 0;
			return new Overview(objects, bytes, (endpoints != null) ? endpoints : List.of());
		}
		catch (RestClientException ex) {
			throw new ApiUnavailableException(
					"api-service at " + this.properties.apiUrl() + " is not answering: " + ex.getMessage(), ex);
		}
	}

	/** GET a path of the REST API as JSON. */
	public JsonNode get(String path) {
		return call(() -> this.rest.get().uri(absolute(path)).retrieve().body(JsonNode.class));
	}

	/** POST to a path of the REST API (with the API key), optionally with a JSON body. */
	public JsonNode post(String path, Object body) {
		return post(this.rest, path, body);
	}

	/**
	 * POST whose answer may take minutes, up to {@code dim.dashboard.long-call-timeout}
	 * (a tool's copy of a prefix runs up to {@code dim.tools.timeout}, 10 min).
	 */
	public JsonNode postLong(String path, Object body) {
		return post(this.slowRest, path, body);
	}

	private JsonNode post(RestClient client, String path, Object body) {
		return call(() -> {
			RestClient.RequestBodySpec request = client.post().uri(absolute(path));
			if (body != null) {
				request.contentType(org.springframework.http.MediaType.APPLICATION_JSON).body(body);
			}
			return request.retrieve().body(JsonNode.class);
		});
	}

	/**
	 * POSTs asking for NDJSON progress ({@code application/x-ndjson}): hands every
	 * {@code {"progress": ...}} line to {@code progress} as it arrives and returns the
	 * final {@code {"report": ...}} value. The answer may last as long as the work, up to
	 * {@code dim.dashboard.long-call-timeout}.
	 */
	public JsonNode postWithProgress(String path, java.util.function.Consumer<JsonNode> progress) {
		return withProgress(this.slowRest.post().uri(absolute(path)), path, progress);
	}

	/** The same with a JSON body. */
	public JsonNode postWithProgress(String path, Object body, java.util.function.Consumer<JsonNode> progress) {
		return withProgress(this.slowRest.post()
			.uri(absolute(path))
			.contentType(org.springframework.http.MediaType.APPLICATION_JSON)
			.body(body), path, progress);
	}

	/**
	 * GETs asking for NDJSON progress, as {@link #postWithProgress} does (api-service
	 * bounds {@code GET /whatif} by {@code dim.ml.what-if-timeout}, 10 min).
	 */
	public JsonNode getWithProgress(String path, java.util.function.Consumer<JsonNode> progress) {
		return withProgress(this.slowRest.get().uri(absolute(path)), path, progress);
	}

	private JsonNode withProgress(RestClient.RequestHeadersSpec<?> spec, String path,
			java.util.function.Consumer<JsonNode> progress) {
		return call(() -> spec.header("Accept", "application/x-ndjson").exchange((request, response) -> {
			if (response.getStatusCode().isError()) {
				String detail = "HTTP " + response.getStatusCode().value() + " from " + path;
				try {
					JsonNode problem = LINES.readTree(response.getBody());
					if (problem != null && problem.has("detail")) {
						detail = problem.get("detail").asString();
					}
				}
				catch (RuntimeException unreadable) {
					// keep the status line
				}
				throw new ApiErrorException(response.getStatusCode().value(), detail);
			}
			JsonNode report = null;
			try (java.io.BufferedReader lines = new java.io.BufferedReader(
					new java.io.InputStreamReader(response.getBody(), java.nio.charset.StandardCharsets.UTF_8))) {
				for (String line = lines.readLine(); line != null; line = lines.readLine()) {
					JsonNode value = LINES.readTree(line);
					if (value.has("progress")) {
						progress.accept(value.get("progress"));
					}
					else if (value.has("report")) {
						report = value.get("report");
					}
					else if (value.has("error")) {
						throw new ApiErrorException(500, value.get("error").asString());
					}
				}
			}
			if (report == null) {
				throw new ApiErrorException(502, path + " ended without a report");
			}
			return report;
		}));
	}

	private static final tools.jackson.databind.json.JsonMapper LINES = tools.jackson.databind.json.JsonMapper.builder()
		.build();

	/**
	 * The path as a finished URI: callers encode keys themselves ({@code %2F} for '/'),
	 * which a URI template would encode a second time.
	 */
	private java.net.URI absolute(String path) {
		String base = this.properties.apiUrl().toString();
		return java.net.URI.create((base.endsWith("/") ? base.substring(0, base.length() - 1) : base) + path);
	}

	private JsonNode call(java.util.function.Supplier<JsonNode> call) {
		try {
			return call.get();
		}
		catch (org.springframework.web.client.RestClientResponseException ex) {
			String detail = ex.getStatusText();
			try {
				JsonNode problem = ex.getResponseBodyAs(JsonNode.class);
				if (problem != null && problem.has("detail")) {
					detail = problem.get("detail").asString();
				}
			}
			catch (RuntimeException unreadable) {
				// keep the status text
			}
			throw new ApiErrorException(ex.getStatusCode().value(), detail);
		}
		catch (RestClientException ex) {
			throw new ApiUnavailableException(
					"api-service at " + this.properties.apiUrl() + " is not answering: " + ex.getMessage(), ex);
		}
	}

	public String apiUrl() {
		return this.properties.apiUrl().toString();
	}

	/**
	 * The key for the signed-in user: the admin key for an admin, the read key for a
	 * viewer (and for no user: the page's refresh before sign-in never happens).
	 */
	private String apiKeyForCurrentUser() {
		return CurrentUser.isAdmin() ? this.adminKey : this.readKey;
	}

	private static String key(String configured, java.nio.file.Path file) {
		if (!configured.isBlank()) {
			return configured.trim();
		}
		try {
			return Files.isReadable(file) ? Files.readString(file).trim() : "";
		}
		catch (IOException ex) {
			return "";
		}
	}

}
