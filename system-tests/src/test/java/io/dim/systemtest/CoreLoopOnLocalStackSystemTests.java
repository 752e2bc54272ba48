package io.dim.systemtest;

import java.nio.file.Path;

import io.dim.localstack.LocalStack;
import io.dim.model.endpoint.LocalEndpoints;
import io.dim.model.testing.TestDatabases;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The core loop on what runs without Docker: the local stack (a real KRaft broker and
 * three S3Proxy endpoints) and Debian's PostgreSQL as the shared database, as in the
 * scale-out setup. The same scenario runs on containers in
 * {@link CoreLoopOnContainersSystemTests}.
 */
class CoreLoopOnLocalStackSystemTests {

	@Test
	void eventsBecomeHeatThatMovesVerifiedReplicas(@TempDir Path dir) throws Exception {
		String database = TestDatabases.freshPostgresUrl();
		try (LocalStack stack = LocalStack.startOnFreePorts(dir.resolve("stack"), LocalEndpoints.defaults())) {
			new CoreLoop(stack.endpoints(), stack.kafkaBootstrap(), database, work("local-stack")).run();
		}
	}

	static Path work(String name) {
		return Path.of(System.getProperty("dim.system-test.work", "target/system-test")).resolve(name);
	}

}
