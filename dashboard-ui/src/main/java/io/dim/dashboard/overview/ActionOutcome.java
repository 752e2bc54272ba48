package io.dim.dashboard.overview;

import java.util.Locale;

import tools.jackson.databind.JsonNode;

/**
 * What an action button's answer says, in words: the reports of Re-optimize All, a
 * migrator tick or drain and Clear Failed Tasks, instead of their raw JSON.
 */
final class ActionOutcome {

	private ActionOutcome() {
	}

	static String describe(JsonNode answer) {
		if (answer.has("evaluated")) {
			return String.format(Locale.ROOT, "%d evaluated, %d to move, %d jobs, monthly cost %s -> %s",
					answer.get("evaluated").asLong(), answer.get("changed").asLong(),
					answer.get("jobsCreated").asLong(), Dollars.of(answer.get("monthlyCostBefore").asDouble()),
					Dollars.of(answer.get("monthlyCostAfter").asDouble()));
		}
		if (answer.has("removed")) {
			return answer.get("removed").asLong() + " failed task(s) removed";
		}
		if (answer.has("claimed")) {
			return String.format(Locale.ROOT,
					"%d task(s) claimed: %d copied (%s), %d deleted, %d to retry, %d failed, %d waiting; "
							+ "%d job(s) done, %d failed, in %.1f s",
					answer.get("claimed").asLong(), answer.get("copied").asLong(), megabytes(answer),
					answer.get("deleted").asLong(), answer.get("retried").asLong(), answer.get("failed").asLong(),
					answer.get("postponed").asLong(), answer.get("jobsDone").asLong(),
					answer.get("jobsFailed").asLong(), answer.get("seconds").asDouble());
		}
		if (answer.has("rounds")) {
			return String.format(Locale.ROOT, "%s after %d round(s) in %.1f s: %d copied (%s), %d deleted, %d failed%s",
					answer.get("empty").asBoolean() ? "queue empty" : "timed out", answer.get("rounds").asLong(),
					answer.get("seconds").asDouble(), answer.get("copied").asLong(), megabytes(answer),
					answer.get("deleted").asLong(), answer.get("failed").asLong(), answer.get("empty").asBoolean() ? ""
							: ", " + answer.get("remaining").asLong() + " task(s) and job(s) left");
		}
		return answer.toString().replaceAll("[{}\"]", " ").strip();
	}

	private static String megabytes(JsonNode answer) {
		return String.format(Locale.ROOT, "%.1f MB", answer.get("bytes").asLong() / 1e6);
	}

}
