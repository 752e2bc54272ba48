package io.dim.model.db;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Small helpers for the JDBC URL in {@code DB_URL}. */
public final class JdbcUrls {

	/**
	 * WAL lets readers work beside the one writer; the busy timeout waits instead of
	 * failing.
	 */
	static final String SQLITE_PRAGMAS = "journal_mode=WAL&busy_timeout=10000&synchronous=NORMAL&foreign_keys=true";

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
