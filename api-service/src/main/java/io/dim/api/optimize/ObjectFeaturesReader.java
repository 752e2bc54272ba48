package io.dim.api.optimize;

import java.util.Collection;
import java.util.HashMap;
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

	/** Features at {@code now} of the given objects, by key. */
	Map<String, Features> read(Collection<ObjectFacts> objects, long now) {
		boolean one = objects.size() == 1;
		String key = one ? objects.iterator().next().key() : null;
		Map<String, Long> created = new HashMap<>();
		query("SELECT object_key, created_at FROM file_meta", one, key,
				(row) -> created.put(row.getString(1), row.getLong(2)));
		query("SELECT object_key, MIN(bucket_start) FROM access_bucket", one, key,
				(row) -> created.merge(row.getString(1), row.getLong(2), Math::min), " GROUP BY object_key");
		Map<String, NavigableMap<Long, long[]>> history = new HashMap<>();
		long since = now - this.calculator.lookBackMillis();
		RowCallbackHandler bucket = (row) -> history.computeIfAbsent(row.getString(1), (k) -> new TreeMap<>())
			.put(row.getLong(2), new long[] { row.getLong(3), row.getLong(4) });
		if (one) {
			this.jdbc.query("SELECT object_key, bucket_start, reads, writes FROM access_bucket "
					+ "WHERE object_key = ? AND bucket_start >= ?", bucket, key, since);
		}
		else {
			this.jdbc.query("SELECT object_key, bucket_start, reads, writes FROM access_bucket WHERE bucket_start >= ?",
					bucket, since);
		}
		Map<String, Features> features = new HashMap<>();
		NavigableMap<Long, long[]> none = new TreeMap<>();
		for (ObjectFacts object : objects) {
			features.put(object.key(), this.calculator.at(object.sizeBytes(), created.getOrDefault(object.key(), now),
					history.getOrDefault(object.key(), none), now));
		}
		return features;
	}

	private void query(String sql, boolean one, String key, RowCallbackHandler handler, String... tail) {
		String suffix = String.join("", tail);
		if (one) {
			this.jdbc.query(sql + " WHERE object_key = ?" + suffix, handler, key);
		}
		else {
			this.jdbc.query(sql + suffix, handler);
		}
	}

}
