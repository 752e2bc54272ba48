package io.dim.api.ml;

/**
 * ml-service refused a request as bad or untimely (HTTP 4xx other than 401/403), with its
 * reason: the caller passes both on instead of calling ml-service unavailable.
 */
public class MlRefusedException extends MlUnavailableException {

	private final int status;

	public MlRefusedException(int status, String detail) {
		super(detail);
		this.status = status;
	}

	public int status() {
		return this.status;
	}

}
