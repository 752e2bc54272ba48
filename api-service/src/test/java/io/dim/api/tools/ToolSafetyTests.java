package io.dim.api.tools;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import io.dim.api.support.Http;
import io.dim.api.support.TestStack;
import io.dim.localstack.LocalStack;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The tool endpoints under attack. Both tools point at a tripwire executable that records
 * every start in a file and then sleeps (no copy is wanted here; ApiServiceTests runs the
 * real rclone): hundreds of hostile values in every field are refused with 400 before any
 * process starts and never create the canary file they try to create; a run that
 * overstays the hard timeout is killed; one run more than dim.tools.max-concurrent is
 * answered 429.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ToolSafetyTests {

	static final LocalStack stack = TestStack.startS3();

	static final Path dir = tempDir();

	static final Path canary = dir.resolve("canary");

	static final Path starts = dir.resolve("started");

	static final Path tripwire = tripwire();

	static final JsonMapper json = JsonMapper.builder().build();

	@DynamicPropertySource
	static void properties(DynamicPropertyRegistry registry) {
		TestStack.registerWithoutBroker(registry, stack, 2, 1024);
		registry.add("dim.tools.rclone-binary", tripwire::toString);
		registry.add("dim.tools.s5cmd-binary", tripwire::toString);
		registry.add("dim.tools.timeout", () -> "3s");
		registry.add("dim.tools.max-concurrent", () -> "1");
	}

	@AfterAll
	static void stopStack() throws Exception {
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
	@Order(1)
	void hostileValuesInEveryFieldAreRefusedBeforeAnyProcessStarts() throws Exception {
		List<String> hostile = hostileValues();
		assertThat(hostile).hasSizeGreaterThanOrEqualTo(300);
		int refused = 0;
		for (String tool : List.of("rclone", "s5cmd")) {
			for (String value : hostile) {
				for (String field : List.of("source", "target", "key", "prefix")) {
					Map<String, String> body = new LinkedHashMap<>();
					body.put("source", "aws");
					body.put("target", "azure");
					switch (field) {
						case "source", "target" -> {
							body.put(field, value);
							body.put("key", "logs/app-000.log");
						}
						default -> body.put(field, value);
					}
					Http.Response response = this.http.postJson("/tools/" + tool, Http.API_KEY,
							json.writeValueAsString(body));
					assertThat(response.status()).as("%s %s=%s", tool, field, printable(value)).isEqualTo(400);
					assertThat(response.contentType()).startsWith("application/problem+json");
					assertThat(response.json().get("detail").asString()).as("%s %s", tool, field)
						.contains("'" + field + "'");
					refused++;
				}
			}
		}
		assertThat(refused).isGreaterThanOrEqualTo(2 * 4 * 300);
		assertThat(this.http.postJson("/tools/rclone", Http.API_KEY, "{\"source\":\"aws\",\"target\":\"azure\"}")
			.json()
			.get("detail")
			.asString()).isEqualTo("parameter 'key' or prefix is required: give exactly one of them");
		assertThat(this.http
			.postJson("/tools/rclone", Http.API_KEY,
					"{\"source\":\"aws\",\"target\":\"azure\",\"key\":\"a\",\"prefix\":\"b/\"}")
			.json()
			.get("detail")
			.asString()).isEqualTo("parameter 'key' and prefix are both given: give exactly one of them");
		assertThat(starts).as("a tool process was started").doesNotExist();
		assertThat(canary).as("a hostile value ran a command").doesNotExist();
	}

	@Test
	@Order(2)
	void aRunPastTheHardTimeoutIsKilledAndOneRunTooManyIsRefusedWith429() throws Exception {
		JsonNode object = this.http.get("/files?size=1").json().get("items").get(0);
		String source = object.get("replicas").get(0).asString();
		String target = List.of("aws", "azure", "gcp")
			.stream()
			.filter((e) -> !e.equals(source))
			.findFirst()
			.orElseThrow();
		String body = json
			.writeValueAsString(Map.of("source", source, "target", target, "key", object.get("key").asString()));
		CompletableFuture<HttpResponse<String>> first = HttpClient.newHttpClient()
			.sendAsync(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + this.port + "/tools/rclone"))
				.header("Content-Type", "application/json")
				.header("X-API-Key", Http.API_KEY)
				.POST(HttpRequest.BodyPublishers.ofString(body))
				.build(), HttpResponse.BodyHandlers.ofString());
		await().atMost(Duration.ofSeconds(20)).until(() -> Files.exists(starts) && !Files.readString(starts).isBlank());
		long pid = Long.parseLong(Files.readString(starts).strip().lines().findFirst().orElseThrow());

		Http.Response busy = this.http.postJson("/tools/s5cmd", Http.API_KEY, body);
		assertThat(busy.status()).isEqualTo(429);
		assertThat(busy.header("Retry-After")).isEqualTo("5");
		assertThat(busy.json().get("detail").asString()).contains("dim.tools.max-concurrent");

		HttpResponse<String> timedOut = first.get();
		assertThat(timedOut.statusCode()).isEqualTo(200);
		JsonNode result = json.readTree(timedOut.body());
		assertThat(result.get("timedOut").asBoolean()).isTrue();
		assertThat(result.get("exitCode").asInt()).isEqualTo(-1);
		assertThat(result.get("objects").asInt()).isZero();
		assertThat(ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false)).as("the tool process").isFalse();
		assertThat(canary).doesNotExist();
	}

	/**
	 * At least 300 values a shell, rclone or a path would take as something else: shell
	 * metacharacters and substitutions that would create the canary file, control
	 * characters, option injection, path traversal, rclone remote syntax, very long
	 * strings; each also inside a normal-looking key.
	 */
	static List<String> hostileValues() {
		String touch = "touch " + canary;
		List<String> base = new ArrayList<>(List.of("$(" + touch + ")", "`" + touch + "`", "; " + touch, "| " + touch,
				"&& " + touch, "|| " + touch, "& " + touch, "\n" + touch, "\r\n" + touch, "${IFS}" + touch, "$(id)",
				"${HOME}", "$HOME", "a\u0000b", "\u0000", "a\tb", "\u001b[31m", "\u007f", "a\u0085b", "\u202egpj.exe",
				"--config=" + canary, "--config", "-v", "--dry-run", "-", "--", "a/--config=x", "a/-rf",
				"../../etc/passwd", "..", ".", "a/../b", "./a", "a/./b", "../", "/etc/passwd", "//server/share",
				":local:" + dir, ":local:/", "src:bucket/x", "dst:", ":s3,endpoint=http://evil:/x", "remote:path",
				"a:b", "C:\\Windows", "a\\b", "\\\\server", "'quoted'", "\"double\"", "a<b", "a>b", ">" + canary,
				"<" + canary, "a*b", "*", "a?b", "[a-z]", "{a,b}", "a!b", "!!", "~", "~root", "a#b", "a%00b",
				"%2e%2e%2f", "a^b", "a(b)", "a)b", "a{b}", "a;b", "a|b", "a&b", "a$b", "a`b", "\u00a0", "a\u2028b",
				"a\u200bb", "x".repeat(1025), "a/".repeat(600), "é/".repeat(700) + "x", "\u0000".repeat(50), "$((1+1))",
				"$[1+1]", "<(" + touch + ")", ">(" + touch + ")", "$'\\x41'", "a\u0007b"));
		Set<String> values = new LinkedHashSet<>(base);
		for (String value : base) {
			values.add("logs/" + value);
			values.add(value + "/x.log");
			values.add("reports/" + value + "/x.csv");
		}
		values.removeIf((v) -> v.isEmpty());
		return List.copyOf(values);
	}

	private static String printable(String value) {
		StringBuilder out = new StringBuilder();
		value.codePoints()
			.limit(80)
			.forEach((c) -> out.append((c < 0x20 || c == 0x7f) ? String.format("\\u%04x", c) : Character.toString(c)));
		return out.toString();
	}

	private static Path tempDir() {
		return io.dim.localstack.TempDirs.deletedOnExit("dim-tool-safety");
	}

	/** An executable that records its PID in {@link #starts}, then sleeps. */
	private static Path tripwire() {
		try {
			Path script = dir.resolve("tripwire");
			Files.writeString(script, "#!/bin/sh\necho $$ >> '" + starts + "'\nexec sleep 60\n");
			Files.setPosixFilePermissions(script, PosixFilePermissions.fromString("rwx------"));
			return script;
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

}
