package io.dim.api.bootstrap;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.ServerSocket;
import java.util.List;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

import io.dim.api.support.TestStack;
import io.dim.localstack.LocalStack;

/** Tests for {@link BootstrapCommand}, the command-line bootstrap. */
@ExtendWith(OutputCaptureExtension.class)
class BootstrapCommandTests {

	static final LocalStack stack = TestStack.startS3();

	@AfterAll
	static void stop() throws Exception {
		stack.close();
	}

	@Test
	void printsProgressAndASummaryThenChangesNothingTheSecondTime(CapturedOutput output) {
		String db = TestStack.sqliteUrl();
		String[] args = args(db, stack.s3EndpointsJson());
		assertThat(BootstrapCommand.run(args)).isZero();
		assertThat(output.getOut()).contains("[1/5] created   logs/app-000.log (1.0 KB) -> aws, azure")
			.contains("[5/5] created")
			.contains("bootstrap: done in")
			.contains("5 objects (5 created, 0 restored, 0 unchanged)");

		assertThat(BootstrapCommand.run(args)).isZero();
		assertThat(output.getOut()).contains("[5/5] unchanged")
			.contains("5 objects (0 created, 0 restored, 5 unchanged), 0 buckets created, 0 B uploaded");
		assertThat(output.getAll()).doesNotContain(TestStack.CANARY);
	}

	@Test
	void anUnreachableEndpointGivesOneLineNamingIt(CapturedOutput output) throws Exception {
		int closedPort;
		try (ServerSocket socket = new ServerSocket(0)) {
			closedPort = socket.getLocalPort();
		}
		String json = stack.s3EndpointsJson()
			.replace(stack.s3("azure").url().toString(), "http://127.0.0.1:" + closedPort);
		assertThat(BootstrapCommand.run(args(TestStack.sqliteUrl(), json))).isOne();
		List<String> errorLines = output.getErr().lines().filter((l) -> l.startsWith("bootstrap:")).toList();
		assertThat(errorLines).hasSize(1);
		assertThat(errorLines.get(0))
			.startsWith("bootstrap: endpoint 'azure' (http://127.0.0.1:" + closedPort + ") is unreachable:");
	}

	@Test
	void aBadSettingGivesOneLineNamingTheVariable(CapturedOutput output) {
		assertThat(BootstrapCommand.run(args(TestStack.sqliteUrl(), "[{\"name\":\"aws\"}]"))).isEqualTo(2);
		assertThat(output.getErr()).contains("bootstrap: S3_ENDPOINTS: endpoint 'aws': field 'url' is missing");
	}

	private static String[] args(String db, String endpointsJson) {
		return new String[] { "bootstrap", "--spring.datasource.url=" + db, "--dim.s3-endpoints=" + endpointsJson,
				"--dim.bootstrap.objects=5", "--dim.bootstrap.max-bytes=65536" };
	}

}
