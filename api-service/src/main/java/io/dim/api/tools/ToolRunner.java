package io.dim.api.tools;

import java.io.ByteArrayOutputStream;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;

import io.dim.api.migrate.CopyEngine;
import io.dim.api.s3.S3Faults;
import io.dim.model.endpoint.DimUserAgent;
import io.dim.model.endpoint.EndpointCatalog;
import io.dim.model.endpoint.EndpointConfig;

/**
 * Runs rclone or s5cmd for a validated copy, or the built-in engine when the binary is
 * not installed or an endpoint of the copy has chaos faults. Commands are argument lists
 * (never a shell); credentials go to the child through its environment, never its argv;
 * output is redacted of every secret.
 */
@Service
class ToolRunner {

	private static final Logger log = LoggerFactory.getLogger(ToolRunner.class);

	private static final int OUTPUT_LIMIT = 16 * 1024;

	private final ToolSelection selections;

	private final CopyEngine engine;

	private final EndpointCatalog catalog;

	private final ToolsProperties settings;

	private final S3Faults faults;

	/** Tool runs at once (dim.tools.max-concurrent); one more is refused with 429. */
	private final Semaphore running;

	ToolRunner(ToolSelection selections, CopyEngine engine, EndpointCatalog catalog, ToolsProperties settings,
			S3Faults faults) {
		this.selections = selections;
		this.engine = engine;
		this.catalog = catalog;
		this.settings = settings;
		this.faults = faults;
		this.running = new Semaphore(settings.maxConcurrent());
	}

	/** Validates the request and lists what it copies (4xx on a bad one). */
	ToolSelection.Selection select(ToolRequest request) {
		return this.selections.select(request);
	}

	/**
	 * Takes one of the dim.tools.max-concurrent places, or refuses with 429; closing the
	 * slot gives it back.
	 */
	Slot reserve() {
		if (!this.running.tryAcquire()) {
			throw new ToolsBusyException(this.settings.maxConcurrent());
		}
		return this.running::release;
	}

	/** A reserved place for one tool run. */
	interface Slot extends AutoCloseable {

		@Override
		void close();

	}

	ToolResult run(String tool, ToolSelection.Selection selection, Consumer<ToolProgress> progress) {
		Progress counted = new Progress(selection, progress);
		return "s5cmd".equals(tool) ? s5cmd(selection, counted) : rclone(selection, counted);
	}

	private ToolResult rclone(ToolSelection.Selection selection, Progress progress) {
		Optional<Path> binary = onPath(this.settings.rcloneBinary());
		if (binary.isEmpty()) {
			return builtin("rclone", selection, progress, "rclone is not installed");
		}
		Optional<String> chaos = chaosOn(selection);
		if (chaos.isPresent()) {
			return builtin("rclone", selection, progress, chaos.get() + ", which rclone's own requests would not feel");
		}
		String from = "src:" + selection.source().bucket() + "/" + selection.path();
		String to = "dst:" + selection.target().bucket() + "/" + selection.path();
		List<String> argv = List.of(binary.get().toString(), selection.isPrefix() ? "copy" : "copyto", from, to,
				"--s3-no-check-bucket", "--retries", "1", "--stats-one-line", "--stats", "5s", "-v",
				// Marks its requests as DIM's own in bucket notifications (not accesses).
				"--user-agent", "rclone " + DimUserAgent.MARKER);
		Map<String, String> env = new java.util.LinkedHashMap<>();
		remote(env, "SRC", selection.source());
		remote(env, "DST", selection.target());
		ToolResult run = runProcesses("rclone", List.of(argv), env, env, progress::rcloneLine);
		// rclone says "Copied" only for what it copied; an object it found the same on
		// the target it leaves as it is, silently at -v.
		int copied = progress.copied();
		int unchanged = (run.exitCode() == 0) ? selection.items().size() - copied : 0;
		return new ToolResult(run.tool(), run.engine(), run.argv(), run.exitCode(), run.timedOut(), copied, unchanged,
				progress.bytes(), run.seconds(), run.output());
	}

	private ToolResult s5cmd(ToolSelection.Selection selection, Progress progress) {
		Optional<Path> binary = onPath(this.settings.s5cmdBinary());
		if (binary.isEmpty()) {
			return builtin("s5cmd", selection, progress, "s5cmd is not installed");
		}
		Optional<String> chaos = chaosOn(selection);
		if (chaos.isPresent()) {
			return builtin("s5cmd", selection, progress, chaos.get() + ", which s5cmd's own requests would not feel");
		}
		// s5cmd talks to one endpoint per process: "cat" from the source is piped into
		// "pipe" on the target, one object at a time, by this process (no shell).
		long started = System.nanoTime();
		List<String> lastArgv = List.of();
		StringBuilder output = new StringBuilder();
		int copied = 0;
		long bytes = 0;
		for (ToolSelection.Item item : selection.items()) {
			List<String> cat = List.of(binary.get().toString(), "--endpoint-url", selection.source().url().toString(),
					"cat", "s3://" + selection.source().bucket() + "/" + item.key());
			List<String> pipe = List.of(binary.get().toString(), "--endpoint-url", selection.target().url().toString(),
					"pipe", "s3://" + selection.target().bucket() + "/" + item.key());
			ToolResult one = runProcesses("s5cmd", List.of(cat, pipe), awsEnv(selection.source()),
					awsEnv(selection.target()), (line) -> {
					});
			lastArgv = one.argv();
			output.append(one.output());
			if (one.exitCode() != 0 || one.timedOut()) {
				return new ToolResult("s5cmd", "s5cmd", one.argv(), one.exitCode(), one.timedOut(), copied, 0, bytes,
						seconds(started), redact(output.toString()));
			}
			copied++;
			bytes += item.size();
			progress.copied(item, "copied " + item.key());
		}
		return new ToolResult("s5cmd", "s5cmd", lastArgv, 0, false, copied, 0, bytes, seconds(started),
				redact(output.toString()));
	}

	/**
	 * Chaos faults are injected into DIM's S3 clients; a tool's binary makes its own
	 * requests. So with a fault on either endpoint the built-in engine copies instead,
	 * and the copy feels the faults as the migrator and reads do.
	 */
	private Optional<String> chaosOn(ToolSelection.Selection selection) {
		List<String> faulty = new ArrayList<>();
		for (EndpointConfig endpoint : List.of(selection.source(), selection.target())) {
			S3Faults.Fault fault = this.faults.of(endpoint.name());
			if (!fault.equals(S3Faults.Fault.NONE)) {
				faulty.add(endpoint.name() + " (" + describe(fault) + ")");
			}
		}
		return faulty.isEmpty() ? Optional.empty() : Optional.of("chaos faults on " + String.join(" and ", faulty));
	}

	private static String describe(S3Faults.Fault fault) {
		List<String> parts = new ArrayList<>();
		if (fault.failedSince() != null) {
			parts.add("failed");
		}
		if (fault.latencyMs() > 0) {
			parts.add("latency " + fault.latencyMs() + " ms");
		}
		if (fault.flakyRate() > 0) {
			parts.add("flaky rate " + fault.flakyRate());
		}
		return String.join(", ", parts);
	}

	/**
	 * The same copy with the built-in engine; the output's first line says why it ran.
	 */
	private ToolResult builtin(String tool, ToolSelection.Selection selection, Progress progress, String why) {
		long started = System.nanoTime();
		StringBuilder output = new StringBuilder(why + ": copied with the built-in engine\n");
		int copied = 0;
		long bytes = 0;
		int exit = 0;
		for (ToolSelection.Item item : selection.items()) {
			try {
				CopyEngine.CopyResult result = this.engine.copyAsIs(item.key(), selection.source().name(),
						selection.target().name(), item.size());
				copied++;
				bytes += result.bytes();
				String line = String.format(Locale.ROOT, "copied %s (%d bytes, sha256 %s)", item.key(), result.bytes(),
						result.sha256());
				output.append(line).append('\n');
				progress.copied(item, line);
			}
			catch (RuntimeException ex) {
				exit = 1;
				output.append("failed ").append(item.key()).append(": ").append(ex.getMessage()).append('\n');
			}
		}
		return new ToolResult(tool, "builtin", List.of(), exit, false, copied, 0, bytes, seconds(started),
				redact(tail(output.toString())));
	}

	/**
	 * Runs one process, or two with the first's output piped into the second's input. The
	 * result counts no object: the caller knows what the processes copied.
	 */
	private ToolResult runProcesses(String tool, List<List<String>> commands, Map<String, String> firstEnv,
			Map<String, String> secondEnv, Consumer<String> eachOutputLine) {
		long started = System.nanoTime();
		Path config = null;
		List<Process> processes = new ArrayList<>();
		ByteArrayOutputStream output = new ByteArrayOutputStream();
		try {
			config = Files.createTempFile("dim-tool", ".conf",
					PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
			for (int i = 0; i < commands.size(); i++) {
				ProcessBuilder builder = new ProcessBuilder(commands.get(i));
				builder.environment()
					.keySet()
					.removeIf((name) -> name.startsWith("AWS_") || name.startsWith("RCLONE_"));
				builder.environment().putAll((i == 0) ? firstEnv : secondEnv);
				builder.environment().put("RCLONE_CONFIG", config.toString());
				if (commands.size() == 1 || i == 1) {
					builder.redirectErrorStream(true);
				}
				processes.add(builder.start());
			}
			List<Thread> pumps = new ArrayList<>();
			if (processes.size() == 2) {
				pumps.add(pump(processes.get(0).getInputStream(), processes.get(1).getOutputStream(), true));
				pumps.add(pump(processes.get(0).getErrorStream(), output, false));
			}
			pumps.add(lines(processes.get(processes.size() - 1).getInputStream(), output,
					(line) -> eachOutputLine.accept(redact(line))));
			boolean timedOut = false;
			int exit = 0;
			long deadline = System.nanoTime() + this.settings.timeout().toNanos();
			for (Process process : processes) {
				long left = Math.max(0, deadline - System.nanoTime());
				if (!process.waitFor(left, TimeUnit.NANOSECONDS)) {
					timedOut = true;
					break;
				}
				exit = (exit != 0) ? exit : process.exitValue();
			}
			if (timedOut) {
				processes.forEach(ToolRunner::kill);
				exit = -1;
			}
			for (Thread pump : pumps) {
				pump.join(2000);
			}
			List<String> argv = new ArrayList<>();
			for (int i = 0; i < commands.size(); i++) {
				if (i > 0) {
					argv.add("|");
				}
				argv.addAll(commands.get(i).stream().map(this::redact).toList());
			}
			log.info("{}: {} exited {}{}", tool, argv, exit, timedOut ? " (timed out)" : "");
			return new ToolResult(tool, tool, argv, exit, timedOut, 0, 0, 0, seconds(started),
					redact(tail(output.toString(StandardCharsets.UTF_8))));
		}
		catch (IOException ex) {
			throw new IllegalStateException("could not run " + tool + ": " + ex.getMessage(), ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			processes.forEach(ToolRunner::kill);
			throw new IllegalStateException("interrupted while running " + tool, ex);
		}
		finally {
			if (config != null) {
				try {
					Files.deleteIfExists(config);
				}
				catch (IOException ex) {
					log.debug("could not delete {}", config, ex);
				}
			}
		}
	}

	/** Kills a tool process and anything it started, at the hard timeout. */
	private static void kill(Process process) {
		process.descendants().forEach(ProcessHandle::destroyForcibly);
		process.destroyForcibly();
	}

	private static Thread pump(InputStream in, OutputStream out, boolean closeOut) {
		Thread thread = new Thread(() -> {
			try (in) {
				in.transferTo(out);
			}
			catch (IOException ex) {
				// the process ended: nothing more to pass on
			}
			finally {
				if (closeOut) {
					try {
						out.close();
					}
					catch (IOException ex) {
						// already closed
					}
				}
			}
		}, "tool-pump");
		thread.setDaemon(true);
		thread.start();
		return thread;
	}

	/** Like {@link #pump}, and hands each complete line to {@code eachLine} as well. */
	private static Thread lines(InputStream in, ByteArrayOutputStream out, Consumer<String> eachLine) {
		Thread thread = new Thread(() -> {
			try (java.io.BufferedReader reader = new java.io.BufferedReader(
					new java.io.InputStreamReader(in, StandardCharsets.UTF_8))) {
				String line;
				while ((line = reader.readLine()) != null) {
					synchronized (out) {
						out.writeBytes((line + "\n").getBytes(StandardCharsets.UTF_8));
					}
					eachLine.accept(line);
				}
			}
			catch (IOException ex) {
				// the process ended: nothing more to pass on
			}
		}, "tool-output");
		thread.setDaemon(true);
		thread.start();
		return thread;
	}

	/**
	 * Counts a run's copied objects and reports each step. rclone reports a copy as "INFO
	 * : NAME: Copied (new)", NAME relative to the copied prefix.
	 */
	private static final class Progress {

		private final ToolSelection.Selection selection;

		private final Consumer<ToolProgress> report;

		private final long totalBytes;

		private final Map<String, Long> sizes = new java.util.HashMap<>();

		private int copied;

		private long bytes;

		Progress(ToolSelection.Selection selection, Consumer<ToolProgress> report) {
			this.selection = selection;
			this.report = report;
			this.totalBytes = selection.items().stream().mapToLong(ToolSelection.Item::size).sum();
			selection.items().forEach((item) -> this.sizes.put(item.key(), item.size()));
		}

		synchronized void copied(ToolSelection.Item item, String line) {
			this.copied++;
			this.bytes += item.size();
			send(line);
		}

		synchronized int copied() {
			return this.copied;
		}

		synchronized long bytes() {
			return this.bytes;
		}

		synchronized void rcloneLine(String line) {
			int copiedAt = line.lastIndexOf(": Copied (");
			int nameAt = line.indexOf(" : ");
			if (copiedAt > 0 && nameAt >= 0 && nameAt + 3 <= copiedAt) {
				String name = line.substring(nameAt + 3, copiedAt).strip();
				String key = this.selection.isPrefix() ? this.selection.path() + name : this.selection.path();
				this.copied++;
				this.bytes += this.sizes.getOrDefault(key, 0L);
			}
			send(line);
		}

		private void send(String line) {
			try {
				this.report.accept(new ToolProgress(this.copied, this.selection.items().size(), this.bytes,
						this.totalBytes, line));
			}
			catch (RuntimeException ex) {
				// The client went away: the copy it asked for still completes.
				log.debug("progress not delivered: {}", ex.toString());
			}
		}

	}

	/** An rclone remote defined through the environment (RCLONE_CONFIG_NAME_*). */
	private static void remote(Map<String, String> env, String name, EndpointConfig endpoint) {
		String prefix = "RCLONE_CONFIG_" + name + "_";
		env.put(prefix + "TYPE", "s3");
		env.put(prefix + "PROVIDER", "Other");
		env.put(prefix + "ENDPOINT", endpoint.url().toString());
		env.put(prefix + "ACCESS_KEY_ID", endpoint.accessKey());
		env.put(prefix + "SECRET_ACCESS_KEY", endpoint.secretKey());
		env.put(prefix + "REGION", "us-east-1");
		env.put(prefix + "FORCE_PATH_STYLE", "true");
	}

	private static Map<String, String> awsEnv(EndpointConfig endpoint) {
		return Map.of("AWS_ACCESS_KEY_ID", endpoint.accessKey(), "AWS_SECRET_ACCESS_KEY", endpoint.secretKey(),
				"AWS_REGION", "us-east-1");
	}

	/** Finds an executable by name on PATH, or as given if it is a path. */
	static Optional<Path> onPath(String binary) {
		if (binary.contains("/")) {
			Path path = Path.of(binary);
			return Files.isExecutable(path) ? Optional.of(path) : Optional.empty();
		}
		String path = System.getenv().getOrDefault("PATH", "");
		for (String dir : path.split(File.pathSeparator)) {
			if (!dir.isEmpty()) {
				Path candidate = Path.of(dir, binary);
				if (Files.isRegularFile(candidate) && Files.isExecutable(candidate)) {
					return Optional.of(candidate);
				}
			}
		}
		return Optional.empty();
	}

	private String redact(String text) {
		String redacted = text;
		for (EndpointConfig endpoint : this.catalog.all()) {
			if (endpoint.secretKey() != null && !endpoint.secretKey().isEmpty()) {
				redacted = redacted.replace(endpoint.secretKey(), "****");
			}
		}
		return redacted;
	}

	private static String tail(String text) {
		return (text.length() <= OUTPUT_LIMIT) ? text : "..." + text.substring(text.length() - OUTPUT_LIMIT);
	}

	private static double seconds(long started) {
		return (System.nanoTime() - started) / 1e9;
	}

}
