package io.dim.systemtest;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * JSON over HTTP to a running service: reads with the read key, changes with the admin
 * key.
 */
final class ServiceClient {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private final HttpClient client = HttpClient.newHttpClient();

	private final String base;

	private final String adminKey;

	private final String readKey;

	ServiceClient(int port, String adminKey, String readKey) {
		this.base = "http://127.0.0.1:" + port;
		this.adminKey = adminKey;
		this.readKey = readKey;
	}

	JsonNode get(String path) {
		return send(HttpRequest.newBuilder(URI.create(this.base + path)).GET().header("X-API-Key", this.readKey));
	}

	JsonNode post(String path) {
		return send(HttpRequest.newBuilder(URI.create(this.base + path))
			.POST(HttpRequest.BodyPublishers.noBody())
			.header("X-API-Key", this.adminKey));
	}

	/** The body of a read (e.g. an object's content) with the read key. */
	byte[] bytes(String path) {
		HttpRequest request = HttpRequest.newBuilder(URI.create(this.base + path))
			.GET()
			.header("X-API-Key", this.readKey)
			.timeout(Duration.ofMinutes(5))
			.build();
		try {
			HttpResponse<byte[]> response = this.client.send(request, HttpResponse.BodyHandlers.ofByteArray());
			if (response.statusCode() != 200) {
				throw new AssertionError("GET " + request.uri() + " answered " + response.statusCode() + ": "
						+ new String(response.body(), StandardCharsets.UTF_8));
			}
			return response.body();
		}
		catch (IOException ex) {
			throw new AssertionError("GET " + request.uri() + " failed: " + ex.getMessage(), ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new AssertionError("interrupted", ex);
		}
	}

	/** An object key as one path segment (slashes become %2F). */
	static String segment(String key) {
		return URLEncoder.encode(key, StandardCharsets.UTF_8).replace("+", "%20");
	}

	private JsonNode send(HttpRequest.Builder request) {
		HttpRequest built = request.timeout(Duration.ofMinutes(5)).header("Accept", "application/json").build();
		try {
			HttpResponse<String> response = this.client.send(built, HttpResponse.BodyHandlers.ofString());
			if (response.statusCode() != 200) {
				throw new AssertionError(built.method() + " " + built.uri() + " answered " + response.statusCode()
						+ ": " + response.body());
			}
			return JSON.readTree(response.body());
		}
		catch (IOException ex) {
			throw new AssertionError(built.method() + " " + built.uri() + " failed: " + ex.getMessage(), ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new AssertionError("interrupted", ex);
		}
	}

}
