package io.dim.stream.simulate;

import java.util.Set;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class CommandArgsTests {

	@Test
	void readsOptionsWithSpaceOrEqualsAndFlags() {
		CommandArgs args = new CommandArgs(new String[] { "simulate", "--events", "10", "--rate=5", "--once" },
				Set.of("events", "rate"), Set.of("once"));

		assertThat(args.whole("events", 1, 1, 100)).isEqualTo(10);
		assertThat(args.number("rate", 1, 0, 10)).isEqualTo(5.0);
		assertThat(args.flag("once")).isTrue();
		assertThat(args.text("seed", "42")).isEqualTo("42");
	}

	@Test
	void anUnknownLastOptionIsUnknownNotMissingItsValue() {
		assertThatThrownBy(() -> new CommandArgs(new String[] { "decay", "--twice" }, Set.of(), Set.of("once")))
			.hasMessage("unknown option --twice (allowed: --once)");
		assertThatThrownBy(
				() -> new CommandArgs(new String[] { "produce", "--rat", "5" }, Set.of("rate", "seed"), Set.of()))
			.hasMessage("unknown option --rat (allowed: --rate, --seed)");
	}

	@Test
	void aKnownOptionWithoutItsValueSaysSo() {
		assertThatThrownBy(() -> new CommandArgs(new String[] { "simulate", "--events" }, Set.of("events"), Set.of()))
			.hasMessage("option --events needs a value");
		assertThatThrownBy(() -> new CommandArgs(new String[] { "simulate", "10" }, Set.of("events"), Set.of()))
			.hasMessage("unexpected argument '10'");
	}

	@Test
	void valuesOutOfRangeNameTheOption() {
		CommandArgs args = new CommandArgs(new String[] { "simulate", "--events", "-5", "--skew", "x" },
				Set.of("events", "skew"), Set.of());

		assertThatThrownBy(() -> args.whole("events", 1, 1, 100))
			.hasMessage("--events must be between 1 and 100 (got -5)");
		assertThatThrownBy(() -> args.number("skew", 0.7, 0, 5)).hasMessage("--skew must be a number (got 'x')");
	}

}
