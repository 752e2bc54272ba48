package io.dim.model.placement;

import java.util.Locale;

/**
 * Dollar amounts for sentences: cents from a dollar up, two significant digits below. A
 * small object's costs are fractions of a cent, which a fixed four decimals would show as
 * 0.0000, hiding the very comparison the sentence makes.
 */
public final class Dollars {

	private Dollars() {
	}

	/** e.g. $1,234.50, $0.50, $0.0073, $0.000012, $0. */
	public static String format(double amount) {
		if (amount == 0 || !Double.isFinite(amount)) {
			return (amount == 0) ? "$0" : "$" + amount;
		}
		double abs = Math.abs(amount);
		int decimals = (abs >= 1) ? 2 : Math.min(12, Math.max(2, 1 - (int) Math.floor(Math.log10(abs))));
		return ((amount < 0) ? "-$" : "$") + String.format(Locale.ROOT, "%,." + decimals + "f", abs);
	}

}
