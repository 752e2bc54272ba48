package io.dim.dashboard.overview;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;

/** The action buttons' outcomes read as sentences, not as JSON. */
class ActionOutcomeTests {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	@Test
	void clearFailedSaysHowManyTasksItRemoved() {
		assertThat(ActionOutcome.describe(json("{\"removed\":3}"))).isEqualTo("3 failed task(s) removed");
	}

	@Test
	void aTickSaysWhatItDid() {
		String tick = ActionOutcome.describe(json("""
				{"claimed":16,"copied":12,"deleted":2,"retried":1,"failed":0,"postponed":1,"bytes":25600000,
				"jobsDone":4,"jobsFailed":0,"deletesPlanned":3,"deletesWaiting":0,"seconds":1.25}"""));
		assertThat(tick).isEqualTo("16 task(s) claimed: 12 copied (25.6 MB), 2 deleted, 1 to retry, 0 failed, "
				+ "1 waiting; 4 job(s) done, 0 failed, in 1.3 s");
	}

	@Test
	void aDrainSaysWhetherTheQueueEmptied() {
		assertThat(ActionOutcome.describe(json("""
				{"empty":true,"rounds":3,"copied":40,"deleted":38,"failed":0,"bytes":1000000,"remaining":0,
				"seconds":2.0}""")))
			.isEqualTo("queue empty after 3 round(s) in 2.0 s: 40 copied (1.0 MB), 38 deleted, 0 failed");
		assertThat(ActionOutcome.describe(json("""
				{"empty":false,"rounds":9,"copied":5,"deleted":0,"failed":1,"bytes":0,"remaining":7,
				"seconds":120.0}""")))
			.isEqualTo("timed out after 9 round(s) in 120.0 s: 5 copied (0.0 MB), 0 deleted, 1 failed, "
					+ "7 task(s) and job(s) left");
	}

	@Test
	void reoptimizeAllSaysWhatItWouldSave() {
		assertThat(ActionOutcome.describe(json("""
				{"evaluated":60,"changed":5,"jobsCreated":5,"monthlyCostBefore":1.5,"monthlyCostAfter":1.25}""")))
			.isEqualTo("60 evaluated, 5 to move, 5 jobs, monthly cost $1.50 -> $1.25");
		// A small catalogue's fractions of a cent keep two significant digits.
		assertThat(ActionOutcome.describe(
				json("""
						{"evaluated":60,"changed":0,"jobsCreated":0,"monthlyCostBefore":0.0073,"monthlyCostAfter":0.0000412}""")))
			.isEqualTo("60 evaluated, 0 to move, 0 jobs, monthly cost $0.0073 -> $0.000041");
	}

	private static JsonNode json(String text) {
		return JSON.readTree(text);
	}

}
