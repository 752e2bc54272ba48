package io.dim.api.optimize;

import java.time.Duration;

/**
 * A duration in words, e.g. "1 hour" or "90 minutes", for explanations and alert messages
 * (a Duration would print PT1H).
 */
public final class DurationWords {

	private DurationWords() {
	}

	public static String of(Duration duration) {
		long seconds = duration.toSeconds();
		if (seconds > 0 && seconds % 86_400 == 0) {
			return plural(seconds / 86_400, "day");
		}
		if (seconds > 0 && seconds % 3_600 == 0) {
			return plural(seconds / 3_600, "hour");
		}
		if (seconds > 0 && seconds % 60 == 0) {
			return plural(seconds / 60, "minute");
		}
		return plural(seconds, "second");
	}

	private static String plural(long count, String unit) {
		return count + " " + unit + ((count == 1) ? "" : "s");
	}

}
