package io.dim.systemtest;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * One service running from its built jar in a child process, as it runs in production:
 * its own JVM, configured only through the environment of DESIGN.md. Its output goes to
 * {@code <work>/<name>.log}, whose tail is shown when it does not come up.
 */
final class ServiceProcess implements AutoCloseable {

	private static final Duration START_TIMEOUT = Duration.ofMinutes(3);

	private final String name;

	private final Process process;

	private final Path log;

	private ServiceProcess(String name, Process process, Path log) {
		this.name = name;
		this.process = process;
		this.log = log;
	}

	/**
	 * Starts the service and waits until its /health says UP.
	 * @param name the module name, e.g. {@code api-service}; its jar path comes from the
	 * system property {@code dim.jar.<name>} (set by the build)
	 */
	static ServiceProcess start(String name, int port, Map<String, String> environment, Path work)
			throws IOException, InterruptedException {
		return start(name, port, environment, List.of(), work, name + ".log");
	}

	/**
	 * Like {@link #start(String, int, Map, Path)}, with command-line settings (e.g.
	 * {@code --dim.migrator.scheduler-enabled=false}) and a log file name of its own (a
	 * restarted service keeps its first log).
	 */
	static ServiceProcess start(String name, int port, Map<String, String> environment, List<String> arguments,
			Path work, String logName) throws IOException, InterruptedException {
		Path jar = Path.of(System.getProperty("dim.jar." + name, name + ".jar"));
		if (!Files.isRegularFile(jar)) {
			throw new IllegalStateException("no jar for " + name + " at " + jar + ": build it first (./mvnw package)");
		}
		Files.createDirectories(work);
		Path log = work.resolve(logName);
		String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
		List<String> command = new java.util.ArrayList<>(List.of(java, "-Ddim.system-test=" + name,
				"--enable-native-access=ALL-UNNAMED", "-Xmx512m", "-XX:+UseSerialGC", "-jar", jar.toString()));
		command.addAll(arguments);
		ProcessBuilder builder = new ProcessBuilder(command);
		builder.environment().putAll(environment);
		builder.redirectErrorStream(true).redirectOutput(log.toFile());
		ServiceProcess service = new ServiceProcess(name, builder.start(), log);
		try {
			service.awaitHealthy(port);
			return service;
		}
		catch (RuntimeException | InterruptedException ex) {
			service.close();
			throw ex;
		}
	}

	private void awaitHealthy(int port) throws InterruptedException {
		HttpClient client = HttpClient.newHttpClient();
		HttpRequest health = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/health"))
			.timeout(Duration.ofSeconds(5))
			.build();
		Instant deadline = Instant.now().plus(START_TIMEOUT);
		while (Instant.now().isBefore(deadline)) {
			if (!this.process.isAlive()) {
				throw new IllegalStateException(
						this.name + " exited with " + this.process.exitValue() + ":\n" + tail());
			}
			try {
				HttpResponse<String> response = client.send(health, HttpResponse.BodyHandlers.ofString());
				if (response.statusCode() == 200 && response.body().contains("\"UP\"")) {
					return;
				}
			}
			catch (IOException ex) {
				// not listening yet
			}
			Thread.sleep(500);
		}
		throw new IllegalStateException(this.name + " was not healthy within " + START_TIMEOUT + ":\n" + tail());
	}

	/** The last lines of the service's output, for failure messages. */
	String tail() {
		try {
			List<String> lines = Files.readAllLines(this.log);
			return String.join("\n", lines.subList(Math.max(0, lines.size() - 40), lines.size()));
		}
		catch (IOException ex) {
			return "(no log: " + ex.getMessage() + ")";
		}
	}

	/** kill -9: the JVM gets no chance to finish anything. Returns the exit status. */
	int kill() throws InterruptedException {
		this.process.destroyForcibly();
		return this.process.waitFor();
	}

	@Override
	public void close() throws InterruptedException {
		this.process.destroy();
		if (!this.process.waitFor(30, TimeUnit.SECONDS)) {
			this.process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
		}
	}

}
