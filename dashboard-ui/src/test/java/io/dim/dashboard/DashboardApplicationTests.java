package io.dim.dashboard;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * Tests for {@link DashboardApplication}: the page asks for sign-in; /health and /metrics
 * stay open.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = { "dim.dashboard.api-url=http://127.0.0.1:1", "dim.dashboard.admin-password=test-admin-password" })
class DashboardApplicationTests {

	@LocalServerPort
	int port;

	@Test
	void servesTheSignInPageHealthAndMetrics() throws Exception {
		// An unknown visitor is sent to the sign-in form.
		HttpResponse<String> page = get("/");
		assertThat(page.statusCode()).isEqualTo(302);
		assertThat(page.headers().firstValue("Location")).hasValueSatisfying((l) -> assertThat(l).endsWith("/login"));
		// An address that is no page gets Vaadin's empty start page, as any address
		// would; the browser is then sent to the form (DashboardBrowserTests): nothing
		// tells a visitor who is not signed in which pages exist.
		HttpResponse<String> unknown = get("/no-such-page");
		assertThat(unknown.statusCode()).isEqualTo(200);
		assertThat(unknown.body()).doesNotContain("No page at").doesNotContain("Back to the dashboard");
		assertThat(get("/login").statusCode()).isEqualTo(200);
		assertThat(get("/login").body()).contains("<html");
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
