package io.dim.model.stream;

/** A record that is not a usable access event; the message is the dead-letter reason. */
public class RejectedRecordException extends RuntimeException {

	private static final long serialVersionUID = 1L;

	public RejectedRecordException(String reason) {
		super(reason, null, false, false);
	}

}
