package io.dim.api.alert;

import java.util.List;

/** One alert rule: what holds now. */
interface AlertRule {

	/** The rule's name, the {@code rule} label of its alerts. */
	String name();

	/** Severities the rule raises (for the dim_alerts_open series). */
	List<String> severities();

	/**
	 * The conditions that hold now; an exception means "unknown", not "clear".
	 * @param asked someone asked for this round ({@code POST /alerts/evaluate}): a rule
	 * that reuses its last result between scheduled rounds ({@link Paced}) runs anyway
	 */
	List<Condition> evaluate(boolean asked);

}
