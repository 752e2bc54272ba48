package io.dim.dashboard.overview;

import java.util.Locale;

/**
 * Dollar amounts for people, as api-service writes them in its sentences
 * (io.dim.model.placement.Dollars; the dashboard does not depend on common-model): cents
 * from a dollar up, two significant digits below, so a small object's fractions of a cent
 * do not all read $0.0000.
 */
final class Dollars {

	private Dollars() {
	}

	/** e.g. $1,234.50, $0.50, $0.0073, $0.000012, $0. */
	static String of(double amount) {
		if (amount == 0 || !Double.isFinite(amount)) {
			return (amount == 0) ? "$0" : "$" + amount;
		}
		double abs = Math.abs(amount);
		int decimals = (abs >= 1) ? 2 : Math.min(12, Math.max(2, 1 - (int) Math.floor(Math.log10(abs))));
		return ((amount < 0) ? "-$" : "$") + String.format(Locale.ROOT, "%,." + decimals + "f", abs);
	}

}
