package io.dim.model.heat;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** Tests for {@link HeatBands}. */
class HeatBandsTests {

	private final HeatBands bands = new HeatBands(20, 2, 0.1);

	@Test
	void plainBands() {
		assertThat(this.bands.tierOf(0)).isEqualTo(Tier.COLD);
		assertThat(this.bands.tierOf(2)).isEqualTo(Tier.WARM);
		assertThat(this.bands.tierOf(19.99)).isEqualTo(Tier.WARM);
		assertThat(this.bands.tierOf(20)).isEqualTo(Tier.HOT);
	}

	@Test
	void aValueHoveringAtAnEdgeDoesNotFlap() {
		Tier tier = Tier.WARM;
		for (double heat : new double[] { 19.5, 20.5, 19.0, 21.0, 18.5, 21.9, 18.1 }) {
			tier = this.bands.next(tier, heat);
			assertThat(tier).as("heat %s", heat).isEqualTo(Tier.WARM);
		}
		tier = this.bands.next(tier, 22.0);
		assertThat(tier).isEqualTo(Tier.HOT);
		for (double heat : new double[] { 19.0, 20.5, 18.1, 21.0 }) {
			tier = this.bands.next(tier, heat);
			assertThat(tier).as("heat %s", heat).isEqualTo(Tier.HOT);
		}
		assertThat(this.bands.next(tier, 17.9)).isEqualTo(Tier.WARM);
	}

	@Test
	void jumpsSeveralBandsAtOnce() {
		assertThat(this.bands.next(Tier.COLD, 100)).isEqualTo(Tier.HOT);
		assertThat(this.bands.next(Tier.HOT, 0.5)).isEqualTo(Tier.COLD);
		assertThat(this.bands.next(Tier.COLD, 2.1)).isEqualTo(Tier.COLD);
		assertThat(this.bands.next(Tier.COLD, 2.2)).isEqualTo(Tier.WARM);
	}

}
