package io.dim.ml.cli;

import java.util.List;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class OptionsTests {

	private static final List<String> ALLOWED = List.of("trace", "policy");

	private static final String USAGE = "usage: replay --trace FILE [--policy P]";

	@Test
	void takesOptionsWithSpaceOrEqualsAndPassesOtherSettingsToSpring() {
		Options options = Options.parse(new String[] { "replay", "--trace", "t.csv", "--policy=dim",
				"--spring.datasource.url=jdbc:sqlite:x.db" }, ALLOWED, USAGE);

		assertThat(options.text("trace", "")).isEqualTo("t.csv");
		assertThat(options.text("policy", "all")).isEqualTo("dim");
		assertThat(options.springArgs()).containsExactly("--spring.datasource.url=jdbc:sqlite:x.db");
	}

	@Test
	void aKnownOptionLastWithoutItsValueSaysItNeedsOne() {
		assertThatThrownBy(() -> Options.parse(new String[] { "replay", "--trace" }, ALLOWED, USAGE))
			.hasMessage("--trace needs a value; " + USAGE);
	}

	@Test
	void anUnknownOptionIsCalledUnknownWhereverItIs() {
		assertThatThrownBy(() -> Options.parse(new String[] { "replay", "--bogus" }, ALLOWED, USAGE))
			.hasMessage("unknown option --bogus; " + USAGE);
		assertThatThrownBy(
				() -> Options.parse(new String[] { "replay", "--bogus", "1", "--trace", "t" }, ALLOWED, USAGE))
			.hasMessage("unknown option --bogus; " + USAGE);
		assertThatThrownBy(() -> Options.parse(new String[] { "replay", "t.csv" }, ALLOWED, USAGE))
			.hasMessage("unexpected argument 't.csv'; " + USAGE);
	}

}
