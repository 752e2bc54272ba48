package io.dim.api.read;

import java.io.InputStream;
import java.net.Socket;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.HexFormat;
import java.util.Random;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import io.dim.api.s3.S3Clients;
import io.dim.api.support.Http;
import io.dim.api.support.TestStack;
import io.dim.localstack.LocalStack;
import software.amazon.awssdk.core.sync.RequestBody;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A read whose source endpoint fails while the answer streams (status and length already
 * sent): the answer ends short and its connection closes, and the log says so in one
 * line, not again with Tomcat's stack traces. Real S3Proxy endpoints; the source's file
 * is cut short mid-answer.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ExtendWith(OutputCaptureExtension.class)
class ReadEndedShortTests {

	static final LocalStack stack = TestStack.startS3();

	@DynamicPropertySource
	static void properties(DynamicPropertyRegistry registry) {
		TestStack.registerWithoutBroker(registry, stack, 1, 1024);
	}

	@AfterAll
	static void stop() throws Exception {
		stack.close();
	}

	@LocalServerPort
	int port;

	@Autowired
	S3Clients clients;

	@Autowired
	JdbcTemplate jdbc;

	@Test
	void aSourceThatFailsMidAnswerEndsTheAnswerShortAndIsSaidOnce(CapturedOutput output) throws Exception {
		new Http(this.port).bootstrapOnce();
		String key = "read/source-fails.bin";
		// Larger than every socket buffer between S3Proxy and the client together, so the
		// source is still sending when its file is cut.
		byte[] content = new byte[64 * 1024 * 1024];
		new Random(7).nextBytes(content);
		this.clients.client("aws")
			.putObject((r) -> r.bucket("dim-data").key(key).contentLength((long) content.length),
					RequestBody.fromBytes(content));
		long now = System.currentTimeMillis();
		this.jdbc.update(
				"INSERT INTO file_meta (object_key, size_bytes, content_type, sha256, version_token, "
						+ "created_at) VALUES (?, ?, 'application/octet-stream', ?, '', ?)",
				key, content.length, HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(content)),
				now);
		this.jdbc.update("INSERT INTO replica (object_key, endpoint, state, verified_at) VALUES (?, 'aws', 'VALID', ?)",
				key, now);

		try (Socket socket = new Socket("127.0.0.1", this.port)) {
			socket.setSoTimeout(30_000);
			socket.getOutputStream()
				.write(("GET /files/" + URLEncoder.encode(key, StandardCharsets.UTF_8) + "/content HTTP/1.1\r\n"
						+ "Host: localhost\r\nX-API-Key: " + Http.READ_KEY + "\r\nConnection: close\r\n\r\n")
					.getBytes(StandardCharsets.US_ASCII));
			InputStream in = socket.getInputStream();
			byte[] first = in.readNBytes(1024 * 1024);
			String head = new String(first, 0, 512, StandardCharsets.US_ASCII);
			assertThat(head).startsWith("HTTP/1.1 200").containsIgnoringCase("content-length: " + content.length);

			// The source's file loses its end mid-answer, as on a failing disk: the
			// endpoint sends fewer bytes than it promised, then drops the connection.
			try (java.nio.channels.FileChannel file = java.nio.channels.FileChannel
				.open(stack.s3("aws").objectFile("dim-data", key), java.nio.file.StandardOpenOption.WRITE)) {
				file.truncate(2 * 1024 * 1024);
			}
			long rest = in.transferTo(java.io.OutputStream.nullOutputStream());
			// Ended short: the connection closed before the promised length.
			assertThat(first.length + rest).isLessThan(content.length);
		}
		await().atMost(Duration.ofSeconds(10))
			.until(() -> output.getOut()
				.contains("Reading '" + key + "' from aws failed mid-answer, which was ended " + "short"));
		assertThat(output.getOut()).doesNotContain("Servlet.service() for servlet [dispatcherServlet]");
	}

}
