package io.dim.api.read;

import java.time.Duration;

import org.junit.jupiter.api.Test;
import org.springframework.util.unit.DataSize;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The scrubber's settings are checked at start, each error naming its setting. */
class ScrubPropertiesTests {

	@Test
	void eachBadSettingIsNamed() {
		Duration minute = Duration.ofMinutes(1);
		DataSize mb64 = DataSize.ofMegabytes(64);
		assertThatThrownBy(() -> new ScrubProperties(true, Duration.ofMillis(10), 20, mb64))
			.hasMessageContaining("dim.scrub.interval");
		assertThatThrownBy(() -> new ScrubProperties(true, minute, 0, mb64))
			.hasMessageContaining("dim.scrub.replicas-per-round");
		assertThatThrownBy(() -> new ScrubProperties(true, minute, 10_001, mb64))
			.hasMessageContaining("dim.scrub.replicas-per-round");
		assertThatThrownBy(() -> new ScrubProperties(true, minute, 20, DataSize.ofBytes(0)))
			.hasMessageContaining("dim.scrub.max-bytes-per-round");
		assertThatCode(() -> new ScrubProperties(false, minute, 20, mb64)).doesNotThrowAnyException();
	}

}
