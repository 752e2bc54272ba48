package io.dim.dashboard.overview;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;

/** The adoption's progress and report read as sentences. */
class AdoptPanelTests {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	@Test
	void progressCountsEachObjectByWhatHappenedToIt() {
		AdoptPanel.Tally tally = new AdoptPanel.Tally();
		tally.add(step(1, "a.csv", "known"));
		tally.add(step(2, "b.csv", "adopted"));
		tally.add(step(3, "c.csv", "conflict"));
		assertThat(tally.add(step(4, "d.csv", "adopted")))
			.isEqualTo("4 looked at: 2 adopted, 1 known, 1 conflict(s); last d.csv");
	}

	@Test
	void theReportSaysWhatWasAdoptedAndWhere() {
		JsonNode report = JSON.readTree("""
				{"endpoint":"azure","prefix":"inbox/","listed":40,"adopted":3,"known":36,"conflicts":1,
				"bytes":1200000,"jobsCreated":3,"seconds":1.26}""");
		assertThat(AdoptPanel.summary(report, "azure under \"inbox/\""))
			.isEqualTo("Adopted 3 of 40 object(s) listed on azure under \"inbox/\" (36 known, 1 conflict(s)), "
					+ Bytes.human(1200000) + " read; 3 placement job(s), 1.3 s");
	}

	private static JsonNode step(int done, String key, String action) {
		return JSON.readTree("{\"done\":" + done + ",\"key\":\"" + key + "\",\"action\":\"" + action
				+ "\",\"size\":10,\"endpoints\":[\"azure\"]}");
	}

}
