package io.dim.api.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import io.dim.localstack.CpuTimes;

/**
 * User and system CPU seconds of this JVM's threads grouped by name without their
 * numbering ({@code /proc/self/task}; "S3Proxy-Jetty-12" and "migrator-1fdb" count as
 * "S3Proxy-Jetty" and "migrator"), to tell the S3 servers' share of a benchmark round
 * from the migrator's and the JIT compiler's. A thread that ended between two readings is
 * missing.
 */
final class ThreadGroupsCpu {

	/** Per thread id: its group, user and system seconds. */
	private final Map<String, Times> threads;

	private ThreadGroupsCpu(Map<String, Times> threads) {
		this.threads = threads;
	}

	static ThreadGroupsCpu now() {
		Map<String, Times> threads = new HashMap<>();
		try (Stream<Path> tasks = Files.list(Path.of("/proc/self/task"))) {
			for (Path task : tasks.toList()) {
				try {
					String name = Files.readString(task.resolve("comm")).trim();
					double[] seconds = CpuTimes.userAndSystem(task.resolve("stat"));
					threads.put(task.getFileName().toString(), new Times(
							name.replaceAll("-[0-9a-f]+$", "").replaceAll("[0-9]+$", ""), seconds[0], seconds[1]));
				}
				catch (IOException ex) {
					// the thread ended meanwhile
				}
			}
		}
		catch (IOException ex) {
			throw new IllegalStateException(ex);
		}
		return new ThreadGroupsCpu(threads);
	}

	/**
	 * The CPU each group used since {@code earlier}, largest first, as "group total
	 * (system part)"; groups under 0.05 s are left out.
	 */
	String since(ThreadGroupsCpu earlier) {
		Map<String, double[]> groups = new HashMap<>();
		this.threads.forEach((id, now) -> {
			Times before = earlier.threads.getOrDefault(id, new Times(now.group(), 0, 0));
			double[] sums = groups.computeIfAbsent(now.group(), (group) -> new double[2]);
			sums[0] += now.user() - before.user() + now.system() - before.system();
			sums[1] += now.system() - before.system();
		});
		return groups.entrySet()
			.stream()
			.filter((e) -> e.getValue()[0] >= 0.05)
			.sorted((a, b) -> Double.compare(b.getValue()[0], a.getValue()[0]))
			.map((e) -> String.format(Locale.ROOT, "%s %.2f (%.2f)", e.getKey(), e.getValue()[0], e.getValue()[1]))
			.collect(Collectors.joining(", "));
	}

	private record Times(String group, double user, double system) {
	}

}
