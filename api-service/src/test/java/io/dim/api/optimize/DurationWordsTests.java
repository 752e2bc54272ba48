package io.dim.api.optimize;

import java.time.Duration;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** Durations in explanations read as words, not as ISO-8601 (PT1H). */
class DurationWordsTests {

	@Test
	void wholeDaysHoursMinutesOrSeconds() {
		assertThat(DurationWords.of(Duration.ofHours(1))).isEqualTo("1 hour");
		assertThat(DurationWords.of(Duration.ofHours(48))).isEqualTo("2 days");
		assertThat(DurationWords.of(Duration.ofMinutes(90))).isEqualTo("90 minutes");
		assertThat(DurationWords.of(Duration.ofMinutes(1))).isEqualTo("1 minute");
		assertThat(DurationWords.of(Duration.ofSeconds(45))).isEqualTo("45 seconds");
	}

}
