package io.dim.api.optimize;

import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.TreeMap;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowCallbackHandler;
import org.springframework.stereotype.Component;

import io.dim.api.ml.MlProperties;
import io.dim.model.features.FeatureCalculator;
import io.dim.model.features.Features;
import io.dim.model.heat.HeatBands;

/**
 * Computes the objects' features now from file_meta and the recent access_bucket history,
 * with the same calculator ml-service's dataset uses: an object exists from its creation
 * or its first access, whichever is earlier, as in the dataset.
 */
@Component
class ObjectFeaturesReader {

	private final JdbcTemplate jdbc;

	private final FeatureCalculator calculator;

	ObjectFeaturesReader(JdbcTemplate jdbc, HeatBands bands, MlProperties ml, PlacementProperties placement) {
		this.jdbc = jdbc;
		this.calculator = new FeatureCalculator(bands, ml.bucketWidth(), placement.heatHalfLife());
	}

	/**
	 * Up to this many objects are read by key (IN list); more, as for Re-optimize All, by
	 * one scan of each table.
	 */
	static final int BY_KEY_LIMIT = 500;

	/** Features at {@code now} of the given objects, by key. */
	Map<String, Features> read(Collection<ObjectFacts> objects, long now) {
		return read(objects, now, objects.size() <= BY_KEY_LIMIT);
	}

	/** The same, reading by key or by scanning (the tests compare both). */
	Map<String, Features> read(Collection<ObjectFacts> objects, long now, boolean byKeys) {
		List<Object> keys = byKeys ? objects.stream().map((facts) -> (Object) facts.key()).toList() : List.of();
		String byKey = keys.isEmpty() ? ""
				: " AND object_key IN (" + String.join(", ", java.util.Collections.nCopies(keys.size(), "?")) + ")";
		Map<String, Long> created = new HashMap<>();
		this.jdbc.query("SELECT object_key, created_at FROM file_meta WHERE 1 = 1" + byKey,
				(RowCallbackHandler) (row) -> created.put(row.getString(1), row.getLong(2)), keys.toArray());
		this.jdbc.query(
				"SELECT object_key, MIN(bucket_start) FROM access_bucket WHERE 1 = 1" + byKey + " GROUP BY object_key",
				(RowCallbackHandler) (row) -> created.merge(row.getString(1), row.getLong(2), Math::min),
				keys.toArray());
		Map<String, NavigableMap<Long, long[]>> history = new HashMap<>();
		List<Object> args = new java.util.ArrayList<>();
		args.add(now - this.calculator.lookBackMillis());
		args.addAll(keys);
		this.jdbc.query(
				"SELECT object_key, bucket_start, reads, writes FROM access_bucket WHERE bucket_start >= ?" + byKey,
				(RowCallbackHandler) (row) -> history.computeIfAbsent(row.getString(1), (k) -> new TreeMap<>())
					.put(row.getLong(2), new long[] { row.getLong(3), row.getLong(4) }),
				args.toArray());
		Map<String, Features> features = new HashMap<>();
		NavigableMap<Long, long[]> none = new TreeMap<>();
		for (ObjectFacts object : objects) {
			features.put(object.key(), this.calculator.at(object.sizeBytes(), created.getOrDefault(object.key(), now),
					history.getOrDefault(object.key(), none), now));
		}
		return features;
	}

}
