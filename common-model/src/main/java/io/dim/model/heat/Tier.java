package io.dim.model.heat;

import java.util.Locale;

/** Storage tier of an object, from its heat (or, later, from the ML service). */
public enum Tier {

	HOT, WARM, COLD;

	public String label() {
		return name().toLowerCase(Locale.ROOT);
	}

	/** Parses "hot", "warm" or "cold" in any case; empty for anything else. */
	public static java.util.Optional<Tier> parse(String text) {
		for (Tier tier : values()) {
			if (tier.name().equalsIgnoreCase(text)) {
				return java.util.Optional.of(tier);
			}
		}
		return java.util.Optional.empty();
	}

}
