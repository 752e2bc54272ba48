package io.dim.api.bootstrap;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * The deterministic sample catalogue: the same properties always give the same keys,
 * sizes and contents. Keys cover several content types, spaces and non-ASCII text; sizes
 * are log-uniform between the configured bounds, with the first object at the minimum and
 * the last at the maximum.
 */
final class SampleSet {

	private static final String[][] KINDS = { { "logs/app-%03d.log", "text/plain" },
			{ "data/events-%03d.json", "application/json" }, { "reports/Q%d summary %03d.csv", "text/csv" },
			{ "images/photo %03d.png", "image/png" }, { "backups/db-%03d.bin", "application/octet-stream" },
			{ "données/été-%03d.csv", "text/csv" }, { "papers/report-%03d.pdf", "application/pdf" },
			{ "日本/データ-%03d.bin", "application/octet-stream" } };

	private SampleSet() {
	}

	static List<SampleObject> generate(BootstrapProperties properties) {
		SplittableRandom random = new SplittableRandom(properties.seed());
		int count = properties.objects();
		double logMin = Math.log(properties.minBytes());
		double logMax = Math.log(properties.maxBytes());
		List<SampleObject> samples = new ArrayList<>(count);
		for (int i = 0; i < count; i++) {
			String[] kind = KINDS[i % KINDS.length];
			String key = kind[0].startsWith("reports/") ? String.format(kind[0], 1 + i % 4, i)
					: String.format(kind[0], i);
			double fraction = (i == 0) ? 0 : ((i == count - 1) ? 1 : random.nextDouble());
			int size = (int) Math.round(Math.exp(logMin + fraction * (logMax - logMin)));
			samples.add(new SampleObject(key, kind[1], size, random.nextLong()));
		}
		return samples;
	}

}
