package io.dim.stream.simulate;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.dim.model.stream.AccessEvent;
import io.dim.model.stream.AccessOp;

/** Tests for {@link EventGenerator}. */
class EventGeneratorTests {

	private final List<CatalogObject> catalog = new ArrayList<>();

	EventGeneratorTests() {
		for (int i = 0; i < 60; i++) {
			this.catalog.add(new CatalogObject("object-" + i, 1000 + i));
		}
	}

	@Test
	void theSameSeedGivesTheSameSequence() {
		assertThat(sequence(42, 0.7)).isEqualTo(sequence(42, 0.7));
		assertThat(sequence(42, 0.7)).isNotEqualTo(sequence(43, 0.7));
	}

	@Test
	void theCatalogueOrderDoesNotMatter() {
		List<String> first = sequence(42, 0.7);
		java.util.Collections.reverse(this.catalog);
		assertThat(sequence(42, 0.7)).isEqualTo(first);
	}

	@Test
	void skewConcentratesAccessesAndMostAreReads() {
		EventGenerator generator = new EventGenerator(this.catalog, 1.2, 1, "test");
		Map<String, Integer> counts = new HashMap<>();
		int reads = 0;
		for (int i = 0; i < 20_000; i++) {
			AccessEvent event = generator.next(Instant.EPOCH);
			counts.merge(event.key(), 1, Integer::sum);
			reads += (event.op() == AccessOp.READ) ? 1 : 0;
		}
		int top = counts.values().stream().max(Integer::compare).orElseThrow();
		assertThat(top).isGreaterThan(20_000 / 60 * 5);
		assertThat(reads / 20_000.0).isBetween(0.83, 0.87);

		EventGenerator uniform = new EventGenerator(this.catalog, 0, 1, "test");
		Map<String, Integer> flat = new HashMap<>();
		for (int i = 0; i < 20_000; i++) {
			flat.merge(uniform.next(Instant.EPOCH).key(), 1, Integer::sum);
		}
		assertThat(flat.values().stream().max(Integer::compare).orElseThrow()).isLessThan(20_000 / 60 * 2);
	}

	private List<String> sequence(long seed, double skew) {
		EventGenerator generator = new EventGenerator(this.catalog, skew, seed, "test");
		List<String> events = new ArrayList<>();
		for (int i = 0; i < 500; i++) {
			AccessEvent event = generator.next(Instant.now());
			events.add(event.eventId() + " " + event.key() + " " + event.op() + " " + event.bytes());
		}
		return events;
	}

}
