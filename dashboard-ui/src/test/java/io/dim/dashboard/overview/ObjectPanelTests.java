package io.dim.dashboard.overview;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** Tests for what {@link ObjectPanel} shows of an explanation. */
class ObjectPanelTests {

	@Test
	void theHeadlineNamesTheTiersSourceAndLeavesItsReasonToTheParagraphBelow() {
		assertThat(ObjectPanel.shortSource("heat bands (ml-service not used: ml-service answered HTTP 503: no model "
				+ "is loaded: train them (scripts/ml-train) and POST /models/load)"))
			.isEqualTo("heat bands");
		assertThat(ObjectPanel.shortSource("model")).isEqualTo("model");
		assertThat(ObjectPanel.shortSource("pre-warm")).isEqualTo("pre-warm");
	}

}
