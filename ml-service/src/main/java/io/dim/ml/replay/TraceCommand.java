package io.dim.ml.replay;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;

import io.dim.ml.cli.Options;
import io.dim.model.stream.AccessEvent;
import io.dim.model.stream.AccessOp;
import io.dim.model.workload.StructuredWorkload;

/**
 * {@code write-trace --out FILE}: a seeded synthetic access trace with the structured
 * workload of the ML issue (background, daily, late bloomers, flash crowds, cooling), as
 * CSV ({@code ts,key,op,bytes,size}) for {@code replay}. Object sizes are log-uniform
 * from 16 KB to 64 MB, so some are under Intelligent-Tiering's 128 KB.
 */
public final class TraceCommand {

	public static final String NAME = "write-trace";

	private static final List<String> OPTIONS = List.of("out", "events", "days", "objects", "seed", "dormant",
			"dormant-max-mb");

	private static final String USAGE = "usage: write-trace --out FILE [--events 1000000] [--days 30] "
			+ "[--objects 300] [--seed 42] [--dormant 0] [--dormant-max-mb 1024]";

	private TraceCommand() {
	}

	/** Runs the command; returns the exit code. */
	public static int run(String[] args, PrintStream out, PrintStream err) {
		Path file;
		long events;
		long days;
		int objects;
		long seed;
		int dormant;
		long dormantMaxBytes;
		try {
			Options options = Options.parse(args, OPTIONS, USAGE);
			if (!options.has("out")) {
				throw new IllegalArgumentException("--out is required; " + USAGE);
			}
			file = Path.of(options.text("out", ""));
			events = (long) options.number("events", 1_000_000, 1, 100_000_000);
			days = (long) options.number("days", 30, 1, 3650);
			objects = (int) options.number("objects", 300, 1, 1_000_000);
			seed = options.whole("seed", 42);
			dormant = (int) options.number("dormant", 0, 0, 10_000_000);
			dormantMaxBytes = (long) options.number("dormant-max-mb", 1024, 16, 5_000_000) * 1024 * 1024;
		}
		catch (IllegalArgumentException ex) {
			err.println(NAME + ": " + ex.getMessage());
			return 2;
		}
		try {
			write(file, events, days, objects, seed, dormant, dormantMaxBytes, out);
			return 0;
		}
		catch (IOException | RuntimeException ex) {
			err.println(NAME + ": failed: " + ex.getMessage());
			return 1;
		}
	}

	static void write(Path file, long events, long days, int objects, long seed, PrintStream out) throws IOException {
		write(file, events, days, objects, seed, 0, 0, out);
	}

	/**
	 * @param dormant objects written once, in the hour before the workload starts, and
	 * never accessed again (sizes log-uniform from 16 MB to {@code dormantMaxBytes}): the
	 * rarely read bulk of a real catalogue, whose storage is what placement can save
	 */
	static void write(Path file, long events, long days, int objects, long seed, int dormant, long dormantMaxBytes,
			PrintStream out) throws IOException {
		SplittableRandom random = new SplittableRandom(seed);
		List<StructuredWorkload.Item> items = new ArrayList<>();
		for (int i = 0; i < objects; i++) {
			long size = (long) Math.exp(Math.log(16 * 1024) + random.nextDouble() * Math.log(4096));
			items.add(new StructuredWorkload.Item(String.format(Locale.ROOT, "obj-%06d", i), size));
		}
		StructuredWorkload workload = new StructuredWorkload(items, seed, Instant.parse("2026-01-05T00:00:00Z"),
				Duration.ofDays(days));
		Path absolute = file.toAbsolutePath();
		if (absolute.getParent() != null) {
			Files.createDirectories(absolute.getParent());
		}
		long step = Math.max(1, events / 10);
		try (BufferedWriter writer = Files.newBufferedWriter(absolute, StandardCharsets.UTF_8)) {
			writer.write("ts,key,op,bytes,size\n");
			long before = workload.start().toEpochMilli() - 3_600_000L;
			for (int i = 0; i < dormant; i++) {
				long size = (long) Math.exp(Math.log(16.0 * 1024 * 1024)
						+ random.nextDouble() * Math.log(dormantMaxBytes / (16.0 * 1024 * 1024)));
				writer.write((before + i % 3_600_000L) + "," + String.format(Locale.ROOT, "dormant-%07d", i) + ",write,"
						+ size + "," + size + "\n");
			}
			Iterator<AccessEvent> iterator = workload.events(events, "trace");
			long written = 0;
			while (iterator.hasNext()) {
				AccessEvent event = iterator.next();
				String op = (event.op() == AccessOp.WRITE) ? "write" : "read";
				writer.write(event.ts().toEpochMilli() + "," + event.key() + "," + op + "," + event.bytes() + ","
						+ event.bytes() + "\n");
				if (++written % step == 0) {
					out.printf(Locale.ROOT, "%s: %,d of %,d events%n", NAME, written, events);
				}
			}
		}
		String extra = (dormant > 0)
				? String.format(Locale.ROOT, ", and %,d dormant objects written once before it", dormant) : "";
		out.printf(Locale.ROOT, "%s: %,d events on %d objects over %d days%s written to %s%n", NAME, events, objects,
				days, extra, file);
	}

}
