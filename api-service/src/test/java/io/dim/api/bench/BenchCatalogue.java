package io.dim.api.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Random;

import org.springframework.jdbc.core.JdbcTemplate;

/**
 * A large synthetic catalogue for benchmarks, written straight into the database: keys
 * {@code bench/0000000.bin} on, seeded so every run is the same.
 */
final class BenchCatalogue {

	private BenchCatalogue() {
	}

	/** Objects with sizes from 1 KB to 100 MB, replicas spread, a share hot or warm. */
	static void seed(JdbcTemplate jdbc, int objects) {
		Random random = new Random(42);
		String[] endpoints = { "aws", "azure", "gcp" };
		long now = System.currentTimeMillis();
		List<Object[]> files = new ArrayList<>();
		List<Object[]> replicas = new ArrayList<>();
		List<Object[]> heats = new ArrayList<>();
		for (int i = 0; i < objects; i++) {
			String key = String.format(Locale.ROOT, "bench/%07d.bin", i);
			long size = (long) Math.pow(10, 3 + random.nextDouble() * 5);
			files.add(new Object[] { key, size, "application/octet-stream", "0".repeat(64), "", now });
			replicas.add(new Object[] { key, endpoints[i % 3], now });
			replicas.add(new Object[] { key, endpoints[(i + 1) % 3], now });
			double roll = random.nextDouble();
			if (roll < 0.3) {
				double heat = (roll < 0.1) ? 20 + random.nextDouble() * 80 : 2 + random.nextDouble() * 18;
				heats.add(new Object[] { key, heat, now, heat, now, (roll < 0.1) ? "hot" : "warm" });
			}
		}
		jdbc.batchUpdate("INSERT INTO file_meta (object_key, size_bytes, content_type, sha256, version_token, "
				+ "created_at) VALUES (?, ?, ?, ?, ?, ?)", files);
		jdbc.batchUpdate("INSERT INTO replica (object_key, endpoint, state, verified_at) VALUES (?, ?, 'VALID', ?)",
				replicas);
		jdbc.batchUpdate("INSERT INTO file_heat (object_key, heat, last_access_at, reads_total, writes_total, "
				+ "bytes_total, heat_score, heat_at, tier) VALUES (?, ?, ?, 0, 0, 0, ?, ?, ?)", heats);
	}

}
