package io.dim.ml.replay;

/**
 * The trace or history ends before the period the policies are compared on starts:
 * replaying it would price every policy at $0.
 */
public class TraceTooShortException extends IllegalArgumentException {

	TraceTooShortException(String message) {
		super(message);
	}

}
