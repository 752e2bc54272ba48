package io.dim.api.security;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ApplicationContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import io.dim.api.support.Http;
import io.dim.api.support.TestStack;
import io.dim.localstack.LocalStack;
import io.dim.model.security.AccessTable;
import io.dim.model.testing.RouteAccessChecks;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * api-service's routes against its access table (in WebConfiguration): a route missing
 * from the table fails the build, and the table holds for every route.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class RouteAccessTests {

	static final LocalStack stack = TestStack.startS3();

	@DynamicPropertySource
	static void properties(DynamicPropertyRegistry registry) {
		TestStack.registerWithoutBroker(registry, stack, 1, 1024);
	}

	@AfterAll
	static void stopStack() throws Exception {
		stack.close();
	}

	@LocalServerPort
	int port;

	@Autowired
	ApplicationContext context;

	@Autowired
	AccessTable table;

	@Test
	void everyRouteIsInTheAccessTableAndEveryRowIsARoute() throws Exception {
		var mapped = RouteAccessChecks.mappedRoutes(this.context);
		var documented = RouteAccessChecks.openApiRoutes(base());
		assertThat(mapped).contains("POST /chaos/clear", "GET /files/{key}", "GET /health");
		assertThat(documented).contains("POST /chaos/clear", "GET /files/{key}");
		assertThat(RouteAccessChecks.unlisted(this.table, mapped)).as("mapped routes missing from the access table")
			.isEmpty();
		assertThat(RouteAccessChecks.unlisted(this.table, documented))
			.as("OpenAPI routes missing from the access table")
			.isEmpty();
		assertThat(RouteAccessChecks.stale(this.table, mapped)).as("access table rows that are no route").isEmpty();
	}

	@Test
	void theAccessTableHolds() throws Exception {
		RouteAccessChecks.assertEnforced(base(), this.table, Http.READ_KEY, Http.API_KEY);
	}

	@Test
	void theAdminKeyMayReadAndAnUnlistedRouteIsNotFoundForIt() {
		Http http = new Http(this.port);
		assertThat(http.get("/endpoints", Http.API_KEY).status()).isEqualTo(200);
		Http.Response unlisted = http.post("/no-such-route", Http.API_KEY);
		assertThat(unlisted.status()).isEqualTo(404);
		assertThat(unlisted.json().get("detail").asString()).startsWith("no route POST /no-such-route on this service");
		// An object key sent with a bare '/': the same answer from Spring MVC as from the
		// security layer for the other keys.
		assertThat(http.get("/files/reports/q3.csv", Http.API_KEY).json().get("detail").asString())
			.startsWith("no route GET /files/reports/q3.csv on this service")
			.contains("%2F");
		assertThat(http.post("/chaos/clear", Http.API_KEY).status()).isEqualTo(200);
	}

	private String base() {
		return "http://127.0.0.1:" + this.port;
	}

}
