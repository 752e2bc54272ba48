package io.dim.api.alert;

/**
 * A rule's finding that holds now.
 *
 * @param rule the rule
 * @param subject what it is about (an endpoint, "catalogue", "queue", ...)
 * @param severity critical, warning or info
 * @param message what is wrong, in words
 */
public record Condition(String rule, String subject, String severity, String message) {

	public static final String CRITICAL = "critical";

	public static final String WARNING = "warning";

	public static final String INFO = "info";

}
