package io.dim.model.heat;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;

import org.junit.jupiter.api.Test;

/** Tests for {@link ForwardDecay}. */
class ForwardDecayTests {

	private static final Instant L = Instant.parse("2026-11-01T00:00:00Z");

	private final ForwardDecay decay = new ForwardDecay(Duration.ofHours(1), L);

	@Test
	void anEventCountsOneWhenItHappensAndHalfAHalfLifeLater() {
		Instant t = L.plus(Duration.ofHours(5));
		double score = this.decay.weight(t);
		assertThat(this.decay.heatAt(score, t)).isCloseTo(1.0, within(1e-12));
		assertThat(this.decay.heatAt(score, t.plus(Duration.ofHours(1)))).isCloseTo(0.5, within(1e-12));
		assertThat(this.decay.heatAt(score, t.plus(Duration.ofHours(3)))).isCloseTo(0.125, within(1e-12));
	}

	@Test
	void theOrderOfEventsDoesNotMatter() {
		Random random = new Random(7);
		List<Instant> events = new ArrayList<>();
		for (int i = 0; i < 1000; i++) {
			events.add(L.plusSeconds(random.nextInt(36_000)));
		}
		double inOrder = events.stream().sorted().mapToDouble(this.decay::weight).sum();
		Collections.shuffle(events, random);
		double shuffled = events.stream().mapToDouble(this.decay::weight).sum();
		Instant now = L.plusSeconds(40_000);
		assertThat(this.decay.heatAt(shuffled, now)).isCloseTo(this.decay.heatAt(inOrder, now), within(1e-9));
	}

	@Test
	void movingTheLandmarkKeepsHeatUnchanged() {
		Instant t = L.plus(Duration.ofHours(30));
		double score = this.decay.weight(t) + this.decay.weight(t.minusSeconds(600));
		Instant newLandmark = L.plus(Duration.ofHours(24));
		ForwardDecay moved = new ForwardDecay(Duration.ofHours(1), newLandmark);
		double rebased = score * this.decay.rebaseFactor(newLandmark);
		Instant now = t.plusSeconds(1800);
		assertThat(moved.heatAt(rebased, now)).isCloseTo(this.decay.heatAt(score, now), within(1e-9));
		assertThat(rebased).isLessThan(score);
	}

}
