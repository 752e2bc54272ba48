package io.dim.api.optimize;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowCallbackHandler;
import org.springframework.stereotype.Component;

import io.dim.model.heat.Tier;

/**
 * Reads the facts of many objects at once with plain SQL: Re-optimize All reads a whole
 * catalogue, where one entity load per object would dominate the run.
 */
@Component
class ObjectFactsReader {

	private static final String OBJECTS = """
			SELECT f.object_key, f.size_bytes, COALESCE(h.heat, 0), COALESCE(h.tier, 'cold')
			FROM file_meta f LEFT JOIN file_heat h ON h.object_key = f.object_key""";

	private final JdbcTemplate jdbc;

	ObjectFactsReader(JdbcTemplate jdbc) {
		this.jdbc = jdbc;
	}

	Optional<ObjectFacts> one(String key) {
		List<ObjectFacts> found = read(OBJECTS + " WHERE f.object_key = ?",
				"SELECT object_key, endpoint FROM replica WHERE state = 'VALID' AND object_key = ?", key);
		return found.stream().findFirst();
	}

	/** Every object, in key order. */
	List<ObjectFacts> all() {
		return read(OBJECTS + " ORDER BY f.object_key",
				"SELECT object_key, endpoint FROM replica WHERE state = 'VALID'");
	}

	/** The objects among {@code keys} that exist, in key order. */
	List<ObjectFacts> some(Collection<String> keys) {
		Set<String> wanted = new HashSet<>(keys);
		if (wanted.size() > 500) {
			return all().stream().filter((facts) -> wanted.contains(facts.key())).toList();
		}
		List<ObjectFacts> found = new ArrayList<>();
		for (String key : new TreeSet<>(wanted)) {
			one(key).ifPresent(found::add);
		}
		return found;
	}

	/** Keys of objects with a verified replica on any of the endpoints. */
	List<String> keysWithReplicaOn(Collection<String> endpoints) {
		if (endpoints.isEmpty()) {
			return List.of();
		}
		String marks = String.join(",", endpoints.stream().map((e) -> "?").toList());
		return this.jdbc.queryForList("SELECT DISTINCT object_key FROM replica WHERE state = 'VALID' AND endpoint IN ("
				+ marks + ") ORDER BY object_key", String.class, endpoints.toArray());
	}

	private List<ObjectFacts> read(String objectsSql, String replicasSql, Object... args) {
		Map<String, Set<String>> replicas = new HashMap<>();
		RowCallbackHandler replica = (row) -> replicas.computeIfAbsent(row.getString(1), (k) -> new TreeSet<>())
			.add(row.getString(2));
		this.jdbc.query(replicasSql, replica, args);
		List<ObjectFacts> objects = new ArrayList<>();
		RowCallbackHandler object = (row) -> {
			String key = row.getString(1);
			objects.add(new ObjectFacts(key, row.getLong(2), replicas.getOrDefault(key, Set.of()), row.getDouble(3),
					Tier.parse(row.getString(4)).orElse(Tier.COLD), ObjectFacts.HEAT_BANDS, null));
		};
		this.jdbc.query(objectsSql, object, args);
		return objects;
	}

}
