package io.dim.localstack;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

/**
 * CPU seconds used so far by this JVM, by its JIT compiler threads, and by the child
 * processes it has waited for (Linux {@code /proc/self}), for benchmarks. Their local
 * stack (broker, S3 servers) runs in the benchmark's JVM, so the difference between two
 * readings says where a step's CPU went: to the stack and the code measured, to compiling
 * code, or to a child process such as rclone.
 *
 * @param self user and system seconds of this JVM's threads
 * @param compiling the part of {@code self} spent by the JIT compiler threads (those
 * alive at the reading: a compiler thread the JVM stopped meanwhile is missing)
 * @param children user and system seconds of finished child processes (rclone)
 */
public record CpuTimes(double self, double compiling, double children) {

	/** Clock ticks per second of {@code /proc} times (USER_HZ, 100 on Linux). */
	private static final double TICKS = 100.0;

	public static CpuTimes now() {
		try {
			String[] process = fields(Path.of("/proc/self/stat"));
			double compiling = 0;
			try (Stream<Path> threads = Files.list(Path.of("/proc/self/task"))) {
				for (Path thread : threads.toList()) {
					String name = Files.readString(thread.resolve("comm")).trim();
					if (name.startsWith("C1 Compiler") || name.startsWith("C2 Compiler")) {
						compiling += cpu(fields(thread.resolve("stat")), 11);
					}
				}
			}
			return new CpuTimes(cpu(process, 11), compiling, cpu(process, 13));
		}
		catch (IOException | RuntimeException ex) {
			return new CpuTimes(Double.NaN, Double.NaN, Double.NaN);
		}
	}

	public CpuTimes since(CpuTimes earlier) {
		return new CpuTimes(this.self - earlier.self, this.compiling - earlier.compiling,
				this.children - earlier.children);
	}

	/**
	 * User and system seconds of one thread or process from its {@code stat} file (e.g.
	 * {@code /proc/self/task/ID/stat}), for splitting a reading by thread.
	 */
	public static double[] userAndSystem(Path stat) throws IOException {
		String[] fields = fields(stat);
		return new double[] { Long.parseLong(fields[11]) / TICKS, Long.parseLong(fields[12]) / TICKS };
	}

	/** The fields after the command name, which is in parentheses and may hold spaces. */
	private static String[] fields(Path stat) throws IOException {
		String line = Files.readString(stat);
		return line.substring(line.lastIndexOf(')') + 2).split(" ");
	}

	/**
	 * Seconds of the user and system times at {@code index} and the next field (utime and
	 * stime are fields 14 and 15 of the line, 11 and 12 here; cutime and cstime 13, 14).
	 */
	private static double cpu(String[] fields, int index) {
		return (Long.parseLong(fields[index]) + Long.parseLong(fields[index + 1])) / TICKS;
	}

}
