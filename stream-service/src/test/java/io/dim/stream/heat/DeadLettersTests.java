package io.dim.stream.heat;

import java.util.List;

import org.junit.jupiter.api.Test;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;

import static org.assertj.core.api.Assertions.assertThat;

/** Tests for {@link DeadLetters}' counter. */
class DeadLettersTests {

	@Test
	void everyReasonIsCountedFromZeroBeforeTheFirstDeadLetter() {
		SimpleMeterRegistry registry = new SimpleMeterRegistry();
		new DeadLetters(null, registry);
		assertThat(registry.find("dim_events_dlq").counters()).hasSize(DeadLetters.REASONS.size())
			.extracting(Counter::count)
			.containsOnly(0.0);
		assertThat(registry.find("dim_events_dlq").counters()).extracting((c) -> c.getId().getTag("reason"))
			.containsExactlyInAnyOrderElementsOf(DeadLetters.REASONS);
	}

	@Test
	void everyReasonTheConsumerGivesHasItsLabel() {
		List<String> reasons = List.of("invalid JSON: unexpected end", "empty record", "missing key", "unknown op SCAN",
				"negative bytes -1", "ts in the future: 2030-01-01", "unknown key: not in file_meta", "something else");
		assertThat(reasons).extracting(DeadLetters::category)
			.containsExactly("invalid-json", "invalid-json", "missing-field", "unknown-op", "negative-bytes",
					"future-timestamp", "unknown-key", "other");
		assertThat(DeadLetters.REASONS).containsAll(reasons.stream().map(DeadLetters::category).toList());
	}

}
