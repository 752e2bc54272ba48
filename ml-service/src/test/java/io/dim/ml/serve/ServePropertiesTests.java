package io.dim.ml.serve;

import java.nio.file.Path;
import java.time.Duration;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** ml-service's serving settings are checked at start, each error naming its setting. */
class ServePropertiesTests {

	@Test
	void eachBadSettingIsNamed() {
		Path models = Path.of("models");
		Duration tenSeconds = Duration.ofSeconds(10);
		assertThatThrownBy(() -> new ServeProperties(models, 0, tenSeconds))
			.hasMessageContaining("dim.ml.max-predict-rows");
		assertThatThrownBy(() -> new ServeProperties(models, 10, Duration.ofMillis(99)))
			.hasMessageContaining("dim.ml.load-check-interval");
		assertThatThrownBy(() -> new ServeProperties(models, 10, Duration.ofHours(2)))
			.hasMessageContaining("dim.ml.load-check-interval");
		assertThatCode(() -> new ServeProperties(models, 1, Duration.ofMillis(100))).doesNotThrowAnyException();
	}

}
