package io.dim.stream;

import java.time.Duration;

import org.junit.jupiter.api.Test;

import io.dim.model.config.InvalidSettingException;
import io.dim.model.stream.Topics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Tests for {@link StreamProperties}' checks. */
class StreamPropertiesTests {

	@Test
	void theDeadLettersReplayIntervalIsAtLeastASecondAndNamedInItsError() {
		assertThat(properties(Duration.ofSeconds(1)).dlqReplayInterval()).hasSeconds(1);
		assertThatThrownBy(() -> properties(Duration.ofMillis(999))).isInstanceOf(InvalidSettingException.class)
			.hasMessageContaining("dim.stream.dlq-replay-interval")
			.hasMessageContaining("must be at least 1s");
		assertThatThrownBy(() -> properties(Duration.ZERO)).hasMessageContaining("dim.stream.dlq-replay-interval");
	}

	private static StreamProperties properties(Duration dlqReplayInterval) {
		return new StreamProperties(6, Duration.ofHours(1), Duration.ofHours(1), Duration.ofMinutes(5),
				Duration.ofSeconds(10), 50, Topics.S3_EVENTS, true, Duration.ofSeconds(60), Duration.ofSeconds(60),
				dlqReplayInterval);
	}

}
