package io.dim.api.s3;

import java.time.Duration;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The chaos settings are checked at start, the error naming the setting. */
class ChaosPropertiesTests {

	@Test
	void theRefreshIntervalIsBetween100msAndAMinute() {
		assertThatThrownBy(() -> new ChaosProperties(Duration.ofMillis(99)))
			.hasMessageContaining("dim.chaos.refresh-interval");
		assertThatThrownBy(() -> new ChaosProperties(Duration.ofSeconds(61)))
			.hasMessageContaining("dim.chaos.refresh-interval");
		assertThat(new ChaosProperties(Duration.ofMillis(100)).refreshInterval()).hasMillis(100);
		assertThat(new ChaosProperties(Duration.ofMinutes(1)).refreshInterval()).hasMinutes(1);
	}

}
