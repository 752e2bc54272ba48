package io.dim.api.read;

import java.time.Duration;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The read events' settings are checked at start, each error naming its setting. */
class ReadEventsPropertiesTests {

	@Test
	void eachBadSettingIsNamed() {
		Duration second = Duration.ofSeconds(1);
		assertThatThrownBy(() -> new ReadEventsProperties(Duration.ofMillis(99), 10))
			.hasMessageContaining("dim.read-events.resend-interval");
		assertThatThrownBy(() -> new ReadEventsProperties(Duration.ofHours(2), 10))
			.hasMessageContaining("dim.read-events.resend-interval");
		assertThatThrownBy(() -> new ReadEventsProperties(second, -1))
			.hasMessageContaining("dim.read-events.spool-max");
		assertThatThrownBy(() -> new ReadEventsProperties(second, 100_000_001))
			.hasMessageContaining("dim.read-events.spool-max");
		assertThatCode(() -> new ReadEventsProperties(Duration.ofMillis(100), 0)).doesNotThrowAnyException();
	}

}
