package io.dim.api.alert;

import java.time.Instant;

/**
 * An alert as the API shows it.
 *
 * @param id its id (for ack)
 * @param rule the rule that raised it
 * @param subject what it is about
 * @param severity critical, warning or info
 * @param state open, acked or resolved
 * @param message what is wrong (the latest evaluation's words)
 * @param openedAt when it opened
 * @param ackedAt when it was acknowledged
 * @param resolvedAt when its condition cleared
 */
public record AlertView(long id, String rule, String subject, String severity, String state, String message,
		Instant openedAt, Instant ackedAt, Instant resolvedAt) {

}
