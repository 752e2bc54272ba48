package io.dim.model.db;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Small helpers for the JDBC URL in {@code DB_URL}. */
public final class JdbcUrls {

	/**
	 * WAL lets readers work beside the one writer; the busy timeout waits instead of
	 * failing. A page cache of up to 32 MB per connection (SQLite's default is 2 MB, and
	 * a pool has at most 4 connections on SQLite) and pages read through a memory map
	 * keep a large catalogue's tables in memory for the heat writer's upserts (the ingest
	 * benchmark's 10,000 objects gained about 4%, at the edge of its noise:
	 * docs/BENCHMARKS.md).
	 */
	static final String SQLITE_PRAGMAS = "journal_mode=WAL&busy_timeout=10000&synchronous=NORMAL&foreign_keys=true"
			+ "&cache_size=-32768&mmap_size=268435456";

	private JdbcUrls() {
	}

	/** Hides any password in a URL so it can be printed. */
	public static String redact(String url) {
		if (url == null) {
			return "";
		}
		return url.replaceAll("(?i)(password=)[^&;]*", "$1****").replaceAll("//([^/:@]+):[^@/]*@", "//$1:****@");
	}

	/**
	 * Adds the default pragmas to a SQLite URL unless it sets its own, and creates its
	 * folder.
	 */
	static String prepareSqlite(String url) {
		String rest = url.substring("jdbc:sqlite:".length());
		int query = rest.indexOf('?');
		String file = (query < 0) ? rest : rest.substring(0, query);
		if (!file.isEmpty() && !file.startsWith(":memory:") && !file.startsWith("file::memory:")) {
			createParent(Path.of(file.startsWith("file:") ? file.substring(5) : file));
		}
		if (query >= 0) {
			return url;
		}
		return url + "?" + SQLITE_PRAGMAS;
	}

	private static void createParent(Path file) {
		Path parent = file.toAbsolutePath().getParent();
		try {
			Files.createDirectories(parent);
		}
		catch (IOException ex) {
			throw new UncheckedIOException("cannot create the database folder " + parent, ex);
		}
	}

}
