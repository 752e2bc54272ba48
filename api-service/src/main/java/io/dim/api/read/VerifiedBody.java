package io.dim.api.read;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.security.MessageDigest;

import io.dim.api.s3.Sha256;

/**
 * Copies a replica's bytes to a reader while hashing them, and holds the last piece back
 * until the whole has been checked against the object's SHA-256: a replica whose bytes
 * are not the object's ends the answer short of its Content-Length, so the client sees an
 * incomplete body, never a complete wrong one.
 */
final class VerifiedBody {

	private static final int BUFFER_BYTES = 64 * 1024;

	private VerifiedBody() {
	}

	/**
	 * @throws ReplicaMismatchException when the bytes do not hash to
	 * {@code expectedSha256} (the last piece has not been written then)
	 */
	static void copy(InputStream in, OutputStream out, String expectedSha256) throws IOException {
		MessageDigest digest = Sha256.digest();
		byte[] held = new byte[BUFFER_BYTES];
		byte[] next = new byte[BUFFER_BYTES];
		int heldLength = 0;
		int read;
		while ((read = in.read(next)) != -1) {
			if (read == 0) {
				continue;
			}
			digest.update(next, 0, read);
			out.write(held, 0, heldLength);
			byte[] swap = held;
			held = next;
			next = swap;
			heldLength = read;
		}
		String actual = Sha256.hex(digest);
		if (!actual.equals(expectedSha256)) {
			throw new ReplicaMismatchException(
					"the bytes hash to " + actual + ", the object's SHA-256 is " + expectedSha256);
		}
		out.write(held, 0, heldLength);
	}

	/**
	 * All the bytes, once they hash to {@code expectedSha256}.
	 * @throws ReplicaMismatchException when they do not
	 */
	static byte[] readAll(InputStream in, String expectedSha256) throws IOException {
		ByteArrayOutputStream out = new ByteArrayOutputStream();
		copy(in, out, expectedSha256);
		return out.toByteArray();
	}

	/** The replica's bytes are not the object's. */
	static final class ReplicaMismatchException extends IOException {

		ReplicaMismatchException(String message) {
			super(message);
		}

		/**
		 * None: the message names the hashes, the caller records key and endpoint, and
		 * when a read ends short Tomcat logs this exception twice as it aborts the answer
		 * (a stack trace would add 25 lines that say only that).
		 */
		@Override
		public synchronized Throwable fillInStackTrace() {
			return this;
		}

	}

}
