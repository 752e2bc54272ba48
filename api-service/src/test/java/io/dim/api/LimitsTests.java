package io.dim.api;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import io.dim.api.support.Http;
import io.dim.api.support.TestStack;
import io.dim.localstack.LocalStack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Limits: one Re-optimize All at a time (409 for a second), the request body cap (413,
 * declared or streamed), page sizes and events per /simulate (400 naming the parameter),
 * and the timeouts on calls to ml-service (it accepts connections here and never
 * answers), also of GET /whatif.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class LimitsTests {

	static final LocalStack stack = TestStack.startS3();

	static final List<Socket> held = new CopyOnWriteArrayList<>();

	/** What the silent ml-service was sent. */
	static final StringBuffer received = new StringBuffer();

	/**
	 * A what-if for this many days gets one progress line from the silent ml-service,
	 * which then hangs.
	 */
	static final int STALLING_DAYS = 5;

	/**
	 * Accepts connections and never answers (an ml-service that hangs), except that a
	 * what-if with progress for {@link #STALLING_DAYS} gets its first line before the
	 * hang.
	 */
	static final ServerSocket silent = silentServer();

	@DynamicPropertySource
	static void properties(DynamicPropertyRegistry registry) {
		TestStack.registerWithoutBroker(registry, stack, 3, 1024);
		registry.add("dim.ml-service-url", () -> "http://127.0.0.1:" + silent.getLocalPort());
		registry.add("dim.ml.timeout", () -> "3s");
		registry.add("dim.ml.retry-after", () -> "1s");
		registry.add("dim.ml.what-if-timeout", () -> "3s");
		registry.add("dim.simulate.kafka-timeout", () -> "2s");
	}

	@AfterAll
	static void stop() throws Exception {
		silent.close();
		for (Socket socket : held) {
			socket.close();
		}
		stack.close();
	}

	@LocalServerPort
	int port;

	Http http;

	@BeforeEach
	void bootstrapOnce() {
		this.http = new Http(this.port).bootstrapOnce();
	}

	@Test
	void oneReoptimizeAllAtATimeAndTheHangingMlServiceTimesOut() throws Exception {
		int before = held.size();
		CompletableFuture<HttpResponse<String>> first = HttpClient.newHttpClient()
			.sendAsync(post("/optimize", HttpRequest.BodyPublishers.noBody(), "application/json"),
					HttpResponse.BodyHandlers.ofString());
		// A run is waiting for ml-service (for up to its 3 s timeout): another is
		// refused,
		// in both forms.
		await().atMost(Duration.ofSeconds(20)).until(() -> held.size() > before);
		Http.Response second = this.http.post("/optimize", Http.API_KEY);
		if (second.status() == 409) {
			assertThat(this.http.post("/optimize", Http.API_KEY, "application/x-ndjson").status()).isEqualTo(409);
		}
		HttpResponse<String> done = first.get();
		// The connection seen may have come from a background re-optimization, so either
		// request may have been the one that ran; exactly one was refused.
		Http.Response refused = (second.status() == 409) ? second : new Http.Response(done.statusCode(),
				done.headers().firstValue("Content-Type").orElse(""), done.body(), done.headers().map());
		String ran = (second.status() == 409) ? done.body() : second.body();
		assertThat(refused.status()).isEqualTo(409);
		assertThat(refused.contentType()).startsWith("application/problem+json");
		assertThat(refused.json().get("detail").asString()).contains("Re-optimize All is already running");
		assertThat(ran).contains("\"evaluated\":3");
		// ml-service never answered: the run fell back to the heat bands after the
		// timeout.
		Http.Response explained = this.http.get("/explain/" + firstKey().replace("/", "%2F"));
		assertThat(explained.status()).as(explained.body()).isEqualTo(200);
		String source = explained.json().get("tier").get("source").asString();
		assertThat(source).startsWith("heat bands (ml-service not used");
		assertThat(this.http.post("/optimize", Http.API_KEY).status()).isEqualTo(200);
	}

	@Test
	void aBodyOverTheCapIsRefusedWith413DeclaredOrStreamed() throws Exception {
		byte[] large = ("{\"enforceEncryption\":true,\"pad\":\"" + "x".repeat(2 * 1024 * 1024) + "\"}").getBytes();
		HttpClient client = HttpClient.newHttpClient();
		HttpResponse<String> declared = client.send(
				post("/policy/security", HttpRequest.BodyPublishers.ofByteArray(large), "application/json"),
				HttpResponse.BodyHandlers.ofString());
		assertThat(declared.statusCode()).isEqualTo(413);
		assertThat(declared.body()).contains("dim.web.max-body-bytes");

		HttpResponse<String> streamed = client.send(post("/policy/security",
				HttpRequest.BodyPublishers.ofInputStream(() -> new java.io.ByteArrayInputStream(large)),
				"application/json"), HttpResponse.BodyHandlers.ofString());
		assertThat(streamed.statusCode()).isEqualTo(413);
		assertThat(streamed.body()).contains("dim.web.max-body-bytes");
		assertThat(this.http.get("/policy/security").json().get("enforceEncryption").asBoolean()).isFalse();
	}

	@Test
	void pageSizesAndEventsPerSimulateAreBounded() {
		Http.Response page = this.http.get("/files?size=100000");
		assertThat(page.status()).isEqualTo(400);
		assertThat(page.json().get("detail").asString()).contains("size");
		Http.Response history = this.http.get("/files/" + firstKey().replace("/", "%2F") + "/history?buckets=5000");
		assertThat(history.status()).isEqualTo(400);
		assertThat(history.json().get("detail").asString()).contains("buckets");
		Http.Response events = this.http.post("/simulate?key=" + firstKey().replace("/", "%2F") + "&events=1000000",
				Http.API_KEY);
		assertThat(events.status()).isEqualTo(400);
		assertThat(events.json().get("detail").asString()).contains("events");
	}

	@Test
	void aBurstKafkaDoesNotTakeIsRefusedWhole() {
		// No broker here: the burst's transaction cannot start, nothing is published, and
		// the answer says so (the client may ask again without counting part of it
		// twice).
		Http.Response burst = this.http.post("/simulate?key=" + firstKey().replace("/", "%2F") + "&events=5",
				Http.API_KEY);
		assertThat(burst.status()).isEqualTo(503);
		assertThat(burst.json().get("detail").asString())
			.startsWith("Kafka did not take the burst, so none of it was published");
	}

	@Test
	void whatIfChecksItsParametersAndTimesOutOnAHangingMlService() {
		for (String bad : new String[] { "days=0", "days=91", "days=week", "policy=cheapest",
				"policy=dim,replicate-none", "slaMs=0", "slaMs=60001", "slaMs=fast", "replicas=0", "replicas=4" }) {
			Http.Response refused = this.http.get("/whatif?" + bad);
			assertThat(refused.status()).as(bad).isEqualTo(400);
			assertThat(refused.json().get("detail").asString()).as(bad).contains(bad.substring(0, bad.indexOf('=')));
		}
		Http.Response hanging = this.http.get("/whatif?days=2&policy=dim,heat-bands");
		assertThat(hanging.status()).isEqualTo(503);
		assertThat(hanging.json().get("detail").asString()).contains("ml-service");
		// A what-if SLA and replication factor are passed on to ml-service.
		assertThat(this.http.get("/whatif?days=3&slaMs=50&replicas=3").status()).isEqualTo(503);
		assertThat(received.toString()).contains("GET /whatif?days=3&policy=all&slaMs=50.0&replicas=3 ");

		// With progress: the same refusals, before any line, as problem JSON.
		Http.Response refusedWithProgress = this.http.get("/whatif?days=0", Http.READ_KEY, "application/x-ndjson");
		assertThat(refusedWithProgress.status()).isEqualTo(400);
		assertThat(refusedWithProgress.contentType()).startsWith("application/problem+json");
		assertThat(refusedWithProgress.json().get("detail").asString()).contains("days");
		Http.Response silentWithProgress = this.http.get("/whatif?days=2", Http.READ_KEY, "application/x-ndjson");
		assertThat(silentWithProgress.status()).isEqualTo(503);
		assertThat(silentWithProgress.json().get("detail").asString()).contains("ml-service");
		// ml-service's lines are passed on as they come; when it stalls midway, the
		// answer ends with an error line once dim.ml.what-if-timeout (3 s here) has
		// passed.
		Http.Response stalled = this.http.get("/whatif?days=" + STALLING_DAYS, Http.READ_KEY, "application/x-ndjson");
		assertThat(stalled.status()).isEqualTo(200);
		assertThat(stalled.contentType()).startsWith("application/x-ndjson");
		assertThat(stalled.body().lines().toList()).containsExactly("{\"progress\":\"dim: 10% of 99 events\"}",
				"{\"error\":\"ml-service did not finish the what-if within PT3S (dim.ml.what-if-timeout)\"}");
	}

	private String firstKey() {
		return this.http.get("/files?size=1").json().get("items").get(0).get("key").asString();
	}

	private HttpRequest post(String path, HttpRequest.BodyPublisher body, String accept) {
		return HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + this.port + path))
			.header("Content-Type", "application/json")
			.header("Accept", accept)
			.header("X-API-Key", Http.API_KEY)
			.POST(body)
			.build();
	}

	private static ServerSocket silentServer() {
		try {
			ServerSocket server = new ServerSocket(0);
			Thread accepting = new Thread(() -> {
				while (!server.isClosed()) {
					try {
						Socket socket = server.accept();
						held.add(socket);
						InputStream in = socket.getInputStream();
						Thread.ofVirtual().start(() -> {
							try {
								byte[] chunk = new byte[8192];
								StringBuilder request = new StringBuilder();
								for (int n = in.read(chunk); n >= 0; n = in.read(chunk)) {
									String text = new String(chunk, 0, n, java.nio.charset.StandardCharsets.ISO_8859_1);
									received.append(text);
									request.append(text);
									if (request.indexOf("GET /whatif?days=" + STALLING_DAYS + "&") >= 0
											&& request.indexOf("\r\n\r\n") >= 0) {
										request.setLength(0);
										String line = "{\"progress\":\"dim: 10% of 99 events\"}\n";
										socket.getOutputStream()
											.write(("HTTP/1.1 200 OK\r\nContent-Type: application/x-ndjson\r\n"
													+ "Transfer-Encoding: chunked\r\n\r\n"
													+ Integer.toHexString(line.length()) + "\r\n" + line + "\r\n")
												.getBytes(java.nio.charset.StandardCharsets.ISO_8859_1));
										socket.getOutputStream().flush();
									}
								}
							}
							catch (IOException ex) {
								// closed
							}
						});
					}
					catch (IOException ex) {
						return;
					}
				}
			}, "silent-ml-service");
			accepting.setDaemon(true);
			accepting.start();
			return server;
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

}
