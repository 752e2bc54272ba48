package io.dim.dashboard.api;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import org.springframework.web.client.RestClient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Tests for {@link ApiClient}: how long it waits for api-service. A small HTTP server on
 * loopback answers slowly in both ways api-service can: a plain answer that takes long to
 * start, and a progress stream whose lines come a second apart (as a drain's rounds do).
 */
class ApiClientTests {

	private HttpServer server;

	@BeforeEach
	void start() throws IOException {
		this.server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
		this.server.createContext("/files", (exchange) -> {
			pause(3000);
			answer(exchange, "application/json", "{\"total\":1}");
		});
		this.server.createContext("/migrator/drain", (exchange) -> {
			exchange.getResponseHeaders().set("Content-Type", "application/x-ndjson");
			exchange.sendResponseHeaders(200, 0);
			try (OutputStream out = exchange.getResponseBody()) {
				for (int round = 1; round <= 4; round++) {
					out.write(("{\"progress\":{\"round\":" + round + ",\"remaining\":" + (4 - round) + "}}\n")
						.getBytes(StandardCharsets.UTF_8));
					out.flush();
					pause(1000);
				}
				out.write("{\"report\":{\"rounds\":4,\"empty\":true}}\n".getBytes(StandardCharsets.UTF_8));
			}
		});
		this.server.setExecutor(java.util.concurrent.Executors.newVirtualThreadPerTaskExecutor());
		this.server.start();
	}

	@AfterEach
	void stop() {
		this.server.stop(0);
	}

	@Test
	void aProgressStreamMayLastLongerThanAPlainCall() {
		ApiClient api = client(Duration.ofSeconds(2), Duration.ofSeconds(30));
		List<JsonNode> rounds = new ArrayList<>();
		JsonNode report = api.postWithProgress("/migrator/drain", rounds::add);
		assertThat(rounds).extracting((step) -> step.get("round").asInt()).containsExactly(1, 2, 3, 4);
		assertThat(report.get("empty").asBoolean()).isTrue();
		// A plain call is bounded by dim.dashboard.call-timeout.
		assertThatThrownBy(() -> api.get("/files")).isInstanceOf(ApiUnavailableException.class)
			.hasMessageContaining("is not answering");
	}

	@Test
	void aProgressStreamIsBoundedByTheLongCallTimeout() {
		ApiClient api = client(Duration.ofSeconds(1), Duration.ofSeconds(2));
		List<JsonNode> rounds = new ArrayList<>();
		assertThatThrownBy(() -> api.postWithProgress("/migrator/drain", rounds::add))
			.isInstanceOf(ApiUnavailableException.class);
		assertThat(rounds).isNotEmpty().hasSizeLessThan(4);
	}

	@Test
	void timeoutsThatCannotWorkAreRefusedNamingTheSetting() {
		assertThatThrownBy(() -> properties(Duration.ZERO, Duration.ofMinutes(1)))
			.hasMessageContaining("dim.dashboard.call-timeout must be positive");
		assertThatThrownBy(() -> properties(Duration.ofMinutes(2), Duration.ofMinutes(1)))
			.hasMessageContaining("dim.dashboard.long-call-timeout must be at least dim.dashboard.call-timeout");
	}

	private ApiClient client(Duration callTimeout, Duration longCallTimeout) {
		return new ApiClient(RestClient.builder(), properties(callTimeout, longCallTimeout));
	}

	private DashboardProperties properties(Duration callTimeout, Duration longCallTimeout) {
		URI url = URI.create("http://127.0.0.1:" + this.server.getAddress().getPort());
		return new DashboardProperties(url, "admin-key", Path.of("none"), "read-key", Path.of("none"),
				Duration.ofSeconds(5), "", "", callTimeout, longCallTimeout);
	}

	private static void answer(HttpExchange exchange, String type, String body) throws IOException {
		byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
		exchange.getResponseHeaders().set("Content-Type", type);
		exchange.sendResponseHeaders(200, bytes.length);
		try (OutputStream out = exchange.getResponseBody()) {
			out.write(bytes);
		}
	}

	private static void pause(long millis) {
		try {
			Thread.sleep(millis);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

}
