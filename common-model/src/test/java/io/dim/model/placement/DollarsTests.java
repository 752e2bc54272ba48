package io.dim.model.placement;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class DollarsTests {

	@Test
	void centsFromADollarUpAndTwoSignificantDigitsBelow() {
		assertThat(Dollars.format(1234.5)).isEqualTo("$1,234.50");
		assertThat(Dollars.format(1)).isEqualTo("$1.00");
		assertThat(Dollars.format(0.5)).isEqualTo("$0.50");
		assertThat(Dollars.format(0.12345)).isEqualTo("$0.12");
		assertThat(Dollars.format(0.0073)).isEqualTo("$0.0073");
		assertThat(Dollars.format(0.0000123)).isEqualTo("$0.000012");
		assertThat(Dollars.format(0)).isEqualTo("$0");
		assertThat(Dollars.format(-0.0021)).isEqualTo("-$0.0021");
	}

}
