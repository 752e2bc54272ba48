package io.dim.model.config;

import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;

/**
 * Turns an {@link InvalidSettingException} at start-up into Boot's short failure report:
 * the one line naming the variable, instead of a stack trace. Runs first so that it wins
 * over Boot's generic binding report.
 */
@Order(Ordered.HIGHEST_PRECEDENCE)
class InvalidSettingFailureAnalyzer extends AbstractFailureAnalyzer<InvalidSettingException> {

	@Override
	protected FailureAnalysis analyze(Throwable rootFailure, InvalidSettingException cause) {
		return new FailureAnalysis(cause.getMessage(),
				"Fix " + cause.variable() + " (see the Configuration section of README.md) and start again.", cause);
	}

}
