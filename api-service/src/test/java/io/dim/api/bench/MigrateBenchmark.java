package io.dim.api.bench;

import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;

import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;

import io.dim.api.migrate.Migrator;
import io.dim.api.migrate.TickReport;
import io.dim.api.s3.S3Clients;
import io.dim.api.support.TestStack;
import io.dim.localstack.CpuTimes;
import io.dim.localstack.LocalStack;
import io.dim.model.endpoint.EndpointConfig;
import software.amazon.awssdk.core.sync.RequestBody;
import io.dim.localstack.TempDirs;

/**
 * Copy throughput (issue 5; a measurement, not a test): the same set of objects (default
 * 500 x 256 KB and 20 x 32 MB) copied between two local S3 endpoints by the migrator's
 * built-in engine (SHA-256 verified, default concurrency) and, as the reference in the
 * same run, by {@code rclone copy --checksum} (default 4 transfers) to a third endpoint,
 * in rounds that alternate which runs first, each copy after a {@code sync} and a GC.
 */
public final class MigrateBenchmark {

	private static final int RCLONE_TIMEOUT_MINUTES = 5;

	private MigrateBenchmark() {
	}

	public static void main(String[] args) throws Exception {
		int small = (args.length > 0) ? Integer.parseInt(args[0]) : 500;
		int large = (args.length > 1) ? Integer.parseInt(args[1]) : 20;
		int rounds = Integer.getInteger("bench.rounds", 4);
		Path dir = TempDirs.deletedOnExit("dim-bench-migrate");
		try (LocalStack stack = TestStack.startS3()) {
			try (ConfigurableApplicationContext context = BenchApi.start(stack, dir, "--dim.migrator.tasks-per-tick=64",
					"--dim.migrator.concurrency=" + System.getProperty("bench.concurrency", "4"))) {
				JdbcTemplate jdbc = context.getBean(JdbcTemplate.class);
				S3Clients clients = context.getBean(S3Clients.class);
				Migrator migrator = context.getBean(Migrator.class);
				long bytes = seed(jdbc, clients, small, large);
				int objects = small + large;
				System.out.printf(Locale.ROOT, "bench: %d objects, %.1f MB on aws, %d rounds%n", objects, bytes / 1e6,
						rounds);

				// Warm-up (not timed): the JVM compiles the copy path before it is
				// measured.
				warmUp(jdbc, clients, migrator);
				// Each round runs both, so that a slow spell of this noisy machine does
				// not favour one of them. The order alternates (odd rounds the built-in
				// engine first, even rounds rclone first), and each copy starts after a
				// sync and a GC (timed()), so neither inherits the other's leftovers. The
				// verdict is the median of the rounds' ratios.
				List<Double> ratios = new ArrayList<>();
				for (int round = 1; round <= rounds; round++) {
					boolean builtinFirst = (round % 2 == 1);
					Timed rcloneRun = null;
					if (!builtinFirst) {
						rcloneRun = timed(() -> rclone(clients.endpoint("aws"), clients.endpoint("gcp")));
					}
					Timed builtinRun = timed(() -> builtin(jdbc, migrator, objects));
					if (builtinFirst) {
						rcloneRun = timed(() -> rclone(clients.endpoint("aws"), clients.endpoint("gcp")));
					}
					double builtin = builtinRun.seconds();
					double rclone = rcloneRun.seconds();
					System.out.printf(Locale.ROOT, "%d: %s ran first%n", round,
							builtinFirst ? "the built-in engine" : "rclone");
					print(round + ": built-in engine (SHA-256 verified) aws -> azure", objects, bytes, builtin);
					print(round + ": rclone copy --checksum aws -> gcp", objects, bytes, rclone);
					printCpu(round, builtinRun.cpu(), rcloneRun.cpu());
					System.out.printf(Locale.ROOT, "%d: CPU s by thread group (system part), built-in round: %s%n",
							round, builtinRun.threads());
					System.out.printf(Locale.ROOT, "%d: CPU s by thread group (system part), rclone round: %s%n", round,
							rcloneRun.threads());
					ratios.add(rclone / builtin);
					System.out.printf(Locale.ROOT, "%d: ratio %.2f%n", round, rclone / builtin);
					forgetCopies(jdbc, clients, "azure");
					forgetCopies(jdbc, clients, "gcp");
				}
				if (Boolean.getBoolean("bench.engine-only")) {
					engineOnly(jdbc, context.getBean(io.dim.api.migrate.CopyEngine.class), bytes);
				}
				List<Double> sorted = ratios.stream().sorted().toList();
				double median = (sorted.get((sorted.size() - 1) / 2) + sorted.get(sorted.size() / 2)) / 2;
				System.out.printf(Locale.ROOT,
						"ratio: built-in throughput / rclone throughput = %.2f (median of %s; target >= 1.0)%n", median,
						ratios.stream().map((r) -> String.format(Locale.ROOT, "%.2f", r)).toList());
			}
		}
	}

	/**
	 * One timed copy: its seconds, the JVM's CPU and the CPU by thread group meanwhile.
	 */
	private record Timed(double seconds, CpuTimes cpu, String threads) {
	}

	@FunctionalInterface
	private interface Copy {

		double seconds() throws Exception;

	}

	private static Timed timed(Copy copy) throws Exception {
		// The servers write the copies to the file system: the kernel writes them back to
		// disk later, and would do it during the next copy, which it would slow down. The
		// garbage of one copy is collected before the next one starts, too.
		flushWrites();
		System.gc();
		CpuTimes before = CpuTimes.now();
		ThreadGroupsCpu threadsBefore = ThreadGroupsCpu.now();
		double seconds = copy.seconds();
		return new Timed(seconds, CpuTimes.now().since(before), ThreadGroupsCpu.now().since(threadsBefore));
	}

	/** Waits for the kernel to write dirty pages to disk ({@code sync}, no arguments). */
	private static void flushWrites() throws Exception {
		Process sync = new ProcessBuilder("sync").inheritIO().start();
		if (!sync.waitFor(2, java.util.concurrent.TimeUnit.MINUTES)) {
			sync.destroyForcibly();
			throw new IllegalStateException("sync did not finish within 2 minutes");
		}
	}

	/** Copies every bench object aws -> azure through the migrator; seconds taken. */
	private static double builtin(JdbcTemplate jdbc, Migrator migrator, int objects) {
		long started = System.nanoTime();
		createJobs(jdbc, "bench/%");
		int copied = 0;
		while (copied < objects) {
			TickReport tick = migrator.tick();
			copied += tick.copied();
			if (tick.claimed() == 0) {
				break;
			}
		}
		if (copied != objects) {
			throw new IllegalStateException("the migrator copied " + copied + " of " + objects + " objects");
		}
		return (System.nanoTime() - started) / 1e9;
	}

	/** Removes the bench copies on an endpoint (bytes and rows), for the next round. */
	private static void forgetCopies(JdbcTemplate jdbc, S3Clients clients, String endpoint) {
		EndpointConfig config = clients.endpoint(endpoint);
		var client = clients.client(endpoint);
		for (var object : client.listObjectsV2Paginator((r) -> r.bucket(config.bucket()).prefix("bench/")).contents()) {
			client.deleteObject((r) -> r.bucket(config.bucket()).key(object.key()));
		}
		jdbc.update("DELETE FROM replica WHERE endpoint = ? AND object_key LIKE 'bench/%'", endpoint);
	}

	/** Diagnostic: the copy engine alone, 4 threads, no queue or database. */
	private static void engineOnly(JdbcTemplate jdbc, io.dim.api.migrate.CopyEngine engine, long bytes)
			throws InterruptedException {
		List<Map<String, Object>> rows = jdbc
			.queryForList("SELECT object_key, size_bytes FROM file_meta WHERE object_key LIKE 'bench/%'");
		long t0 = System.nanoTime();
		java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(4);
		for (Map<String, Object> row : rows) {
			pool.submit(() -> engine.copyAsIs((String) row.get("object_key"), "aws", "azure",
					((Number) row.get("size_bytes")).longValue()));
		}
		pool.shutdown();
		pool.awaitTermination(1, java.util.concurrent.TimeUnit.HOURS);
		print("engine only aws -> azure (again)", rows.size(), bytes, (System.nanoTime() - t0) / 1e9);
	}

	private static void print(String label, int objects, long bytes, double seconds) {
		System.out.printf(Locale.ROOT, "%s: %.2f s, %.1f MB/s, %.1f objects/s (%d objects)%n", label, seconds,
				bytes / 1e6 / seconds, objects / seconds, objects);
	}

	/**
	 * Where each side's CPU went: both copies go through the same S3 servers in this JVM,
	 * so the JVM's CPU during rclone's copy is about what the servers need, and the rest
	 * of the JVM's CPU during ours is our copy's own (the SDK, hashing, bookkeeping).
	 */
	private static void printCpu(int round, CpuTimes builtin, CpuTimes rclone) {
		System.out.printf(Locale.ROOT,
				"%d: CPU s: built-in round %.2f in this JVM (servers and migrator; JIT compiling %.2f of it), "
						+ "rclone round %.2f in this JVM (servers; JIT %.2f) + %.2f in rclone: "
						+ "the migrator about %.2f, rclone %.2f%n",
				round, builtin.self(), builtin.compiling(), rclone.self(), rclone.compiling(), rclone.children(),
				builtin.self() - rclone.self(), rclone.children());
	}

	private static long seed(JdbcTemplate jdbc, S3Clients clients, int small, int large) throws Exception {
		Random random = new Random(1);
		long total = 0;
		List<Object[]> files = new ArrayList<>();
		for (int i = 0; i < small + large; i++) {
			int size = (i < small) ? 256 * 1024 : 32 * 1024 * 1024;
			byte[] content = new byte[size];
			random.nextBytes(content);
			String key = String.format(Locale.ROOT, "bench/%s-%04d.bin", (i < small) ? "small" : "large", i);
			clients.client("aws")
				.putObject((r) -> r.bucket("dim-data").key(key).contentLength((long) size),
						RequestBody.fromBytes(content));
			String sha = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(content));
			files.add(new Object[] { key, size, sha, System.currentTimeMillis() });
			total += size;
		}
		jdbc.batchUpdate("INSERT INTO file_meta (object_key, size_bytes, content_type, sha256, version_token, "
				+ "created_at) VALUES (?, ?, 'application/octet-stream', ?, '', ?)", files);
		jdbc.update("INSERT INTO replica (object_key, endpoint, state, verified_at) "
				+ "SELECT object_key, 'aws', 'VALID', created_at FROM file_meta WHERE object_key LIKE 'bench/%'");
		return total;
	}

	private static void warmUp(JdbcTemplate jdbc, S3Clients clients, Migrator migrator) throws Exception {
		Random random = new Random(2);
		List<Object[]> files = new ArrayList<>();
		for (int i = 0; i < 100; i++) {
			int size = (i < 96) ? 64 * 1024 : 20 * 1024 * 1024;
			byte[] content = new byte[size];
			random.nextBytes(content);
			String key = "warmup/" + i;
			clients.client("aws")
				.putObject((r) -> r.bucket("dim-data").key(key).contentLength((long) size),
						RequestBody.fromBytes(content));
			files.add(new Object[] { key, size,
					HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(content)),
					System.currentTimeMillis() });
		}
		jdbc.batchUpdate("INSERT INTO file_meta (object_key, size_bytes, content_type, sha256, version_token, "
				+ "created_at) VALUES (?, ?, 'application/octet-stream', ?, '', ?)", files);
		jdbc.update("INSERT INTO replica (object_key, endpoint, state, verified_at) "
				+ "SELECT object_key, 'aws', 'VALID', created_at FROM file_meta WHERE object_key LIKE 'warmup/%'");
		createJobs(jdbc, "warmup/%");
		while (migrator.tick().claimed() > 0) {
			// until the warm-up jobs are done
		}
	}

	private static void createJobs(JdbcTemplate jdbc, String pattern) {
		long now = System.currentTimeMillis();
		for (String key : jdbc.queryForList("SELECT object_key FROM file_meta WHERE object_key LIKE ?", String.class,
				pattern)) {
			long id = jdbc.queryForObject(
					"INSERT INTO migration_job (object_key, state, reason, target_endpoints, "
							+ "created_at, updated_at) VALUES (?, 'PENDING', 'bench', 'aws,azure', ?, ?) RETURNING id",
					Long.class, key, now, now);
			jdbc.update(
					"INSERT INTO migration_task (job_id, kind, object_key, source_endpoint, target_endpoint, state, "
							+ "attempts, next_attempt_at, created_at, updated_at) VALUES (?, 'COPY', ?, 'aws', 'azure', "
							+ "'PENDING', 0, ?, ?, ?)",
					id, key, now, now, now);
		}
	}

	private static double rclone(EndpointConfig from, EndpointConfig to) throws Exception {
		ProcessBuilder builder = new ProcessBuilder("rclone", "copy", "--checksum", "--s3-no-check-bucket",
				"src:" + from.bucket() + "/bench/", "dst:" + to.bucket() + "/bench/");
		Map<String, String> env = builder.environment();
		env.keySet().removeIf((name) -> name.startsWith("AWS_") || name.startsWith("RCLONE_"));
		for (String[] remote : new String[][] { { "SRC", "" }, { "DST", "" } }) {
			EndpointConfig endpoint = remote[0].equals("SRC") ? from : to;
			String prefix = "RCLONE_CONFIG_" + remote[0] + "_";
			env.put(prefix + "TYPE", "s3");
			env.put(prefix + "PROVIDER", "Other");
			env.put(prefix + "ENDPOINT", endpoint.url().toString());
			env.put(prefix + "ACCESS_KEY_ID", endpoint.accessKey());
			env.put(prefix + "SECRET_ACCESS_KEY", endpoint.secretKey());
			env.put(prefix + "REGION", "us-east-1");
		}
		env.put("RCLONE_CONFIG", "/dev/null");
		builder.inheritIO();
		long started = System.nanoTime();
		Process process = builder.start();
		// rclone once stalled here for minutes (its GETs from S3Proxy stopped reading):
		// a bounded wait so that the benchmark ends with a clear line instead.
		if (!process.waitFor(RCLONE_TIMEOUT_MINUTES, java.util.concurrent.TimeUnit.MINUTES)) {
			process.destroyForcibly();
			throw new IllegalStateException("rclone did not finish within " + RCLONE_TIMEOUT_MINUTES + " minutes");
		}
		int exit = process.exitValue();
		if (exit != 0) {
			throw new IllegalStateException("rclone exited " + exit);
		}
		return (System.nanoTime() - started) / 1e9;
	}

}
