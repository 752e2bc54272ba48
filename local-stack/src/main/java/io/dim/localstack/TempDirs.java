package io.dim.localstack;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;

/**
 * Temporary directories for local stacks, test databases and benchmarks that are removed
 * when the JVM exits: one copy benchmark writes gigabytes of objects, and left behind
 * they filled the disk of a development machine.
 */
public final class TempDirs {

	private TempDirs() {
	}

	/** A new directory under the system's temporary directory, deleted at JVM exit. */
	public static Path deletedOnExit(String prefix) {
		try {
			Path dir = Files.createTempDirectory(prefix);
			Runtime.getRuntime().addShutdownHook(new Thread(() -> deleteQuietly(dir), "delete " + dir));
			return dir;
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	/** Deletes a directory tree, best effort (the JVM is on its way out). */
	static void deleteQuietly(Path dir) {
		try (Stream<Path> paths = Files.walk(dir)) {
			paths.sorted(Comparator.reverseOrder()).forEach((path) -> {
				try {
					Files.deleteIfExists(path);
				}
				catch (IOException ignored) {
					// Still written by a server thread: left to the system.
				}
			});
		}
		catch (IOException | UncheckedIOException ignored) {
			// Gone already, or unreadable: nothing more to do.
		}
	}

}
