package io.dim.dashboard.overview;

import java.util.Locale;

/** Byte counts for people. */
final class Bytes {

	private Bytes() {
	}

	static String human(long bytes) {
		if (bytes < 1024) {
			return bytes + " B";
		}
		int unit = (int) (Math.log(bytes) / Math.log(1024));
		return String.format(Locale.ROOT, "%.1f %sB", bytes / Math.pow(1024, unit), "KMGTPE".charAt(unit - 1));
	}

}
