package io.dim.stream.simulate;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.SplittableRandom;
import java.util.UUID;

import io.dim.model.stream.AccessEvent;
import io.dim.model.stream.AccessOp;

/**
 * An endless, reproducible stream of access events over a catalogue: which objects are
 * popular is a seeded shuffle, how popular follows Zipf with the given skew, 85% of the
 * accesses are reads. The same seed and catalogue give the same sequence of ids, keys,
 * operations and sizes; only the timestamp is the moment of sending.
 */
public final class EventGenerator implements EventSource {

	static final double READ_SHARE = 0.85;

	private final List<CatalogObject> byPopularity;

	private final ZipfSampler zipf;

	private final SplittableRandom random;

	private final String source;

	public EventGenerator(List<CatalogObject> catalog, double skew, long seed, String source) {
		if (catalog.isEmpty()) {
			throw new IllegalArgumentException("empty catalogue");
		}
		List<CatalogObject> shuffled = new ArrayList<>(catalog);
		shuffled.sort(java.util.Comparator.comparing(CatalogObject::key));
		Collections.shuffle(shuffled, new Random(seed));
		this.byPopularity = List.copyOf(shuffled);
		this.zipf = new ZipfSampler(shuffled.size(), skew);
		this.random = new SplittableRandom(seed);
		this.source = source;
	}

	@Override
	public AccessEvent next(Instant now) {
		CatalogObject object = this.byPopularity.get(this.zipf.sample(this.random));
		AccessOp op = (this.random.nextDouble() < READ_SHARE) ? AccessOp.READ : AccessOp.WRITE;
		UUID id = new UUID(this.random.nextLong(), this.random.nextLong());
		return new AccessEvent(id.toString(), object.key(), op, object.size(), now, this.source);
	}

}
