package io.dim.api.alert;

import java.util.List;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;

import io.dim.api.support.Http;
import io.dim.api.support.TestStack;
import io.dim.localstack.LocalStack;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A fresh install before its bootstrap: the endpoints answer but hold no bucket yet. That
 * is not an endpoint down: {@code GET /endpoints} says NO_BUCKET and why, the alert is a
 * {@code bucket_missing} warning that names the fix, and the bootstrap resolves it.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class MissingBucketTests {

	static final LocalStack stack = TestStack.startS3();

	@DynamicPropertySource
	static void properties(DynamicPropertyRegistry registry) {
		TestStack.registerWithoutBroker(registry, stack, 3, 1024);
	}

	@AfterAll
	static void stopStack() throws Exception {
		stack.close();
	}

	@LocalServerPort
	int port;

	@Test
	void beforeTheBootstrapEachEndpointWarnsOfItsMissingBucketAndTheBootstrapResolvesIt() {
		Http http = new Http(this.port);
		for (JsonNode endpoint : http.get("/endpoints").json()) {
			assertThat(endpoint.get("health").asString()).isEqualTo("NO_BUCKET");
			assertThat(endpoint.get("healthError").asString())
				.isEqualTo("bucket " + endpoint.get("bucket").asString() + " does not exist");
		}
		evaluate(http);
		assertThat(live(http, "endpoint_down")).isEmpty();
		List<JsonNode> missing = live(http, "bucket_missing");
		assertThat(missing).extracting((alert) -> alert.get("subject").asString())
			.containsExactlyInAnyOrder("aws", "azure", "gcp");
		JsonNode aws = missing.stream()
			.filter((alert) -> alert.get("subject").asString().equals("aws"))
			.findFirst()
			.get();
		assertThat(aws.get("severity").asString()).isEqualTo("warning");
		assertThat(aws.get("message").asString()).startsWith("endpoint aws answers but has no bucket ")
			.contains("POST /admin/bootstrap");

		assertThat(http.post("/admin/bootstrap", Http.API_KEY).status()).isEqualTo(200);
		AlertEvaluator.Round round = http.post("/alerts/evaluate", Http.API_KEY).as(AlertEvaluator.Round.class);
		assertThat(round.resolved()).isGreaterThanOrEqualTo(3);
		assertThat(live(http, "bucket_missing")).isEmpty();
		assertThat(live(http, "endpoint_down")).isEmpty();
		for (JsonNode endpoint : http.get("/endpoints").json()) {
			assertThat(endpoint.get("health").asString()).isEqualTo("UP");
			assertThat(endpoint.get("healthError").isNull()).isTrue();
		}
	}

	private static void evaluate(Http http) {
		Http.Response response = http.post("/alerts/evaluate", Http.API_KEY);
		assertThat(response.status()).isEqualTo(200);
		assertThat(response.json().get("failed")).isEmpty();
	}

	private static List<JsonNode> live(Http http, String rule) {
		return http.liveAlerts(rule);
	}

}
