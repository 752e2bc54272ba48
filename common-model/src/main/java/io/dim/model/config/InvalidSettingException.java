package io.dim.model.config;

/**
 * A configuration value that cannot be used. The message is one line that names the
 * environment variable and the problem, because that is what a user sees when the service
 * refuses to start.
 */
public class InvalidSettingException extends RuntimeException {

	private static final long serialVersionUID = 1L;

	private final String variable;

	public InvalidSettingException(String variable, String problem) {
		super(variable + ": " + problem);
		this.variable = variable;
	}

	public String variable() {
		return this.variable;
	}

}
