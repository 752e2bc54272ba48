package io.dim.dashboard;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

/** Tests for {@link DashboardApplication}: it serves the page, /health and /metrics. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = "dim.dashboard.api-url=http://127.0.0.1:1")
class DashboardApplicationTests {

	@LocalServerPort
	int port;

	@Test
	void servesThePageHealthAndMetrics() throws Exception {
		assertThat(get("/").statusCode()).isEqualTo(200);
		assertThat(get("/").body()).contains("<html");
		HttpResponse<String> health = get("/health");
		assertThat(health.statusCode()).isEqualTo(200);
		assertThat(health.body()).contains("\"status\":\"UP\"");
		assertThat(get("/metrics").body()).contains("jvm_memory_used_bytes");
	}

	private HttpResponse<String> get(String path) throws Exception {
		return HttpClient.newHttpClient()
			.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + this.port + path)).build(),
					HttpResponse.BodyHandlers.ofString());
	}

}
