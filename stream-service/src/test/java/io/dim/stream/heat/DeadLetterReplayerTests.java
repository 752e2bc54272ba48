package io.dim.stream.heat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.mock.env.MockEnvironment;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;

import static org.assertj.core.api.Assertions.assertThat;

/** Tests for {@link DeadLetterReplayer}'s rounds when Kafka does not answer. */
@ExtendWith(OutputCaptureExtension.class)
class DeadLetterReplayerTests {

	@Test
	void aKafkaOutageIsLoggedOnceNotEveryRound(CapturedOutput output) {
		// Nothing listens there; each round gives up after a second.
		MockEnvironment environment = new MockEnvironment()
			.withProperty("spring.kafka.bootstrap-servers", "127.0.0.1:1")
			.withProperty("spring.kafka.producer.properties.max.block.ms", "1000");
		DeadLetterReplayer replayer = new DeadLetterReplayer(null, null, environment, new SimpleMeterRegistry());

		assertThat(replayer.replayQuietly()).isEmpty();
		assertThat(replayer.replayQuietly()).isEmpty();
		assertThat(replayer.replayQuietly()).isEmpty();
		assertThat(output.getOut().lines().filter((line) -> line.contains("replay-dlq did not finish"))).singleElement()
			.asString()
			.contains("WARN", "the next runs try again");
	}

}
