package io.dim.api.ml;

/** ml-service could not answer: down, timed out, no model, or a bad answer. */
public class MlUnavailableException extends RuntimeException {

	private static final long serialVersionUID = 1L;

	public MlUnavailableException(String message) {
		super(message);
	}

}
