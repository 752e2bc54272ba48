package io.dim.dashboard.api;

/** api-service did not answer or answered with an error. */
public class ApiUnavailableException extends RuntimeException {

	private static final long serialVersionUID = 1L;

	public ApiUnavailableException(String message, Throwable cause) {
		super(message, cause);
	}

}
