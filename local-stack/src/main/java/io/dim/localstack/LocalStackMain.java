package io.dim.localstack;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CountDownLatch;

import io.dim.model.config.InvalidSettingException;
import io.dim.model.endpoint.EndpointCatalog;
import io.dim.model.endpoint.EndpointConfig;

/**
 * {@code java -jar local-stack-exec.jar}: runs the local stack in the foreground until
 * stopped. Kafka listens on the port of {@code KAFKA_BOOTSTRAP} (default 9092); every
 * endpoint of {@code S3_ENDPOINTS} (default aws :9000, azure :9100, gcp :9200) whose URL
 * is on this machine gets its S3 server; data lives under {@code DIM_DATA_DIR} (default
 * ./data).
 */
public final class LocalStackMain {

	private LocalStackMain() {
	}

	public static void main(String[] args) throws Exception {
		System.setProperty("logback.configurationFile", "local-stack-logback.xml");
		Path dataDir = Path.of(System.getenv().getOrDefault("DIM_DATA_DIR", "data"));
		int kafkaPort;
		List<EndpointConfig> endpoints;
		try {
			kafkaPort = kafkaPort(System.getenv().getOrDefault("KAFKA_BOOTSTRAP", "127.0.0.1:9092"));
			endpoints = EndpointCatalog.fromSetting(System.getenv("S3_ENDPOINTS"), 1)
				.all()
				.stream()
				.filter(LocalStackMain::isLocal)
				.toList();
		}
		catch (InvalidSettingException ex) {
			System.err.println("local-stack: " + ex.getMessage());
			System.exit(2);
			return;
		}
		LocalStack stack;
		try {
			stack = LocalStack.start(dataDir, kafkaPort, endpoints, false);
		}
		catch (Exception | LinkageError ex) {
			// Exit explicitly: a half-started broker's threads would keep the JVM alive.
			System.err.println("local-stack: cannot start: " + rootMessage(ex)
					+ " (is another local stack or program using ports " + kafkaPort + ", "
					+ endpoints.stream().map((e) -> String.valueOf(e.url().getPort())).toList() + "?)");
			System.exit(1);
			return;
		}
		CountDownLatch stopped = new CountDownLatch(1);
		Runtime.getRuntime().addShutdownHook(new Thread(() -> {
			try {
				stack.close();
			}
			catch (Exception ex) {
				System.err.println("local-stack: error while stopping: " + ex.getMessage());
			}
			stopped.countDown();
		}, "local-stack-shutdown"));
		System.out.println("local-stack ready: kafka " + stack.kafkaBootstrap() + ", s3 "
				+ stack.endpoints().stream().map((e) -> e.name() + "=" + e.url()).toList() + ", data in "
				+ dataDir.toAbsolutePath());
		stopped.await();
	}

	private static int kafkaPort(String bootstrap) {
		String first = bootstrap.split(",")[0].trim();
		int colon = first.lastIndexOf(':');
		try {
			return Integer.parseInt(first.substring(colon + 1));
		}
		catch (RuntimeException ex) {
			throw new InvalidSettingException("KAFKA_BOOTSTRAP", "must be host:port (got '" + bootstrap + "')");
		}
	}

	private static boolean isLocal(EndpointConfig endpoint) {
		String host = endpoint.url().getHost();
		return host.equals("127.0.0.1") || host.equals("localhost") || host.equals("[::1]");
	}

	private static String rootMessage(Throwable ex) {
		Throwable root = ex;
		while (root.getCause() != null) {
			root = root.getCause();
		}
		return root.getClass().getSimpleName() + ": " + root.getMessage();
	}

}
