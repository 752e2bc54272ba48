package io.dim.stream.heat;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * Which object keys DIM manages (are in file_meta). Objects are only ever added, so a key
 * seen once stays managed and is remembered; only keys not seen before cost a query. Safe
 * to use from several threads (the heat consumer, the S3 adapter).
 */
@Component
public class ManagedKeys {

	private static final int IN_CHUNK = 500;

	private final JdbcTemplate jdbc;

	private final Set<String> seen = ConcurrentHashMap.newKeySet();

	public ManagedKeys(JdbcTemplate jdbc) {
		this.jdbc = jdbc;
	}

	public boolean contains(String key) {
		return !among(Set.of(key)).isEmpty();
	}

	/** Which of these keys are managed. */
	public Set<String> among(Set<String> keys) {
		Set<String> managed = new HashSet<>();
		List<String> unseen = new ArrayList<>();
		for (String key : keys) {
			if (this.seen.contains(key)) {
				managed.add(key);
			}
			else {
				unseen.add(key);
			}
		}
		for (int from = 0; from < unseen.size(); from += IN_CHUNK) {
			List<String> chunk = unseen.subList(from, Math.min(unseen.size(), from + IN_CHUNK));
			managed.addAll(this.jdbc.queryForList(
					"SELECT object_key FROM file_meta WHERE object_key IN ("
							+ String.join(",", java.util.Collections.nCopies(chunk.size(), "?")) + ")",
					String.class, chunk.toArray()));
		}
		this.seen.addAll(managed);
		return managed;
	}

}
