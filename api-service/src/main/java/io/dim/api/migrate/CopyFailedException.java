package io.dim.api.migrate;

/** A copy that could not be verified; the replica is not marked valid. */
public class CopyFailedException extends RuntimeException {

	public CopyFailedException(String message) {
		super(message);
	}

}
