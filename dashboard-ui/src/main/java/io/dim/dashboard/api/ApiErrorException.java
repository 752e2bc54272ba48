package io.dim.dashboard.api;

/** api-service answered, but refused: its problem's detail is the message. */
public class ApiErrorException extends RuntimeException {

	private static final long serialVersionUID = 1L;

	private final int status;

	public ApiErrorException(int status, String message) {
		super(message);
		this.status = status;
	}

	public int status() {
		return this.status;
	}

}
