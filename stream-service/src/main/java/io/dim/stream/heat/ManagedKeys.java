package io.dim.stream.heat;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

import io.dim.stream.StreamProperties;

/**
 * Which object keys DIM manages (are in file_meta). A key found managed is remembered for
 * a minute ({@code dim.stream.managed-keys-remembered}), so the heat consumer's batches
 * cost a query only for keys not seen lately. Objects are rarely taken out of the
 * catalogue (api-service's {@code POST /files/{key}/forget}, once removed from every
 * bucket): the announcement of a forget drops the key at once
 * ({@link ForgottenObjectsListener}); should it not arrive, the events of a forgotten
 * object are counted for at most that minute before they are dead-lettered as unknown
 * keys. Safe to use from several threads (the heat consumer, the S3 adapter, the forget
 * listener).
 */
@Component
public class ManagedKeys {

	private static final int IN_CHUNK = 500;

	private final JdbcTemplate jdbc;

	private final long rememberedMillis;

	private final Set<String> seen = ConcurrentHashMap.newKeySet();

	private volatile long seenSince = System.currentTimeMillis();

	public ManagedKeys(JdbcTemplate jdbc, StreamProperties properties) {
		this.jdbc = jdbc;
		this.rememberedMillis = properties.managedKeysRemembered().toMillis();
	}

	public boolean contains(String key) {
		return !among(Set.of(key)).isEmpty();
	}

	/** The key is no longer managed: the next batch asks the database about it. */
	public void forget(String key) {
		this.seen.remove(key);
	}

	/** Which of these keys are managed. */
	public Set<String> among(Set<String> keys) {
		long now = System.currentTimeMillis();
		if (now - this.seenSince > this.rememberedMillis) {
			this.seenSince = now;
			this.seen.clear();
		}
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
