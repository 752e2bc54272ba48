package io.dim.api.read;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.security.MessageDigest;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.dim.api.migrate.CopyOnRead;
import io.dim.api.s3.S3Errors;
import io.dim.api.s3.Sha256;
import software.amazon.awssdk.services.s3.model.GetObjectResponse;

/**
 * A read that carries a copy: the upload to the new replica pulls the bytes, and each
 * piece it pulls is also written to the reader. As in {@link VerifiedBody} the last piece
 * is held back until the whole hashes to the object's SHA-256, from the reader and from
 * the upload alike, so neither ever gets a complete wrong object. A reader who leaves
 * does not stop the copy; a copy that fails does not stop the read (the rest is served as
 * {@link VerifiedBody} would, and the migrator makes the copy).
 */
final class CarryingBody extends InputStream {

	private static final Logger log = LoggerFactory.getLogger(CarryingBody.class);

	private final InputStream in;

	private final OutputStream reader;

	private final String expectedSha256;

	private final long size;

	private final CopyOnRead.Carry carry;

	private final MessageDigest digest = Sha256.digest();

	private byte[] held = new byte[64 * 1024];

	private int heldLength;

	private long total;

	private String sha256;

	private IOException readerFailure;

	private VerifiedBody.ReplicaMismatchException mismatch;

	private CarryingBody(InputStream in, OutputStream reader, String expectedSha256, long size,
			CopyOnRead.Carry carry) {
		this.in = in;
		this.reader = reader;
		this.expectedSha256 = expectedSha256;
		this.size = size;
		this.carry = carry;
	}

	/**
	 * Serves {@code in} to {@code reader} while uploading it as the carried copy.
	 * @throws VerifiedBody.ReplicaMismatchException when the bytes are not the object's
	 * (the reader's answer ends short, no copy is recorded)
	 * @throws IOException when the reader went away (after the copy was made)
	 */
	static void serve(InputStream in, OutputStream reader, String expectedSha256, long size, CopyOnRead.Carry carry,
			GetObjectResponse source) throws IOException {
		CarryingBody body = new CarryingBody(in, reader, expectedSha256, size, carry);
		try {
			carry.upload(source, body, body::sha256);
		}
		catch (IOException | RuntimeException ex) {
			if (body.mismatch != null) {
				throw body.mismatch;
			}
			log.info("A read could not carry the copy to {}; the migrator makes it: {}", carry.target(),
					S3Errors.describe(ex));
			body.finishForReader();
		}
		if (body.readerFailure != null) {
			throw body.readerFailure;
		}
	}

	@Override
	public int read() throws IOException {
		byte[] one = new byte[1];
		int n = read(one, 0, 1);
		return (n == -1) ? -1 : (one[0] & 0xff);
	}

	@Override
	public int read(byte[] buffer, int offset, int length) throws IOException {
		this.carry.renewLeaseIfDue();
		int n = this.in.read(buffer, offset, length);
		if (n <= 0) {
			return n;
		}
		accept(buffer, offset, n);
		return n;
	}

	/** The SHA-256 of the bytes read, once all were. */
	private String sha256() {
		return this.sha256;
	}

	/** Writes the held piece, holds this one, and checks the whole at its end. */
	private void accept(byte[] buffer, int offset, int n) throws IOException {
		this.digest.update(buffer, offset, n);
		this.total += n;
		toReader();
		if (this.held.length < n) {
			this.held = new byte[n];
		}
		System.arraycopy(buffer, offset, this.held, 0, n);
		this.heldLength = n;
		if (this.total >= this.size) {
			this.sha256 = Sha256.hex(this.digest);
			if (!this.sha256.equals(this.expectedSha256)) {
				// Thrown before the upload gets its last piece: the target never holds
				// the
				// whole object wrong, and the reader's answer ends short.
				this.mismatch = new VerifiedBody.ReplicaMismatchException(
						"the bytes hash to " + this.sha256 + ", the object's SHA-256 is " + this.expectedSha256);
				throw this.mismatch;
			}
			toReader();
		}
	}

	/** Serves the rest to the reader after the copy failed, checked to the end. */
	private void finishForReader() throws IOException {
		if (this.sha256 != null) {
			return; // everything was read and checked; the held piece went out
		}
		byte[] next = new byte[64 * 1024];
		int n;
		while ((n = this.in.read(next)) != -1) {
			if (n > 0) {
				this.digest.update(next, 0, n);
				this.total += n;
				toReader();
				byte[] swap = this.held;
				this.held = next;
				next = (swap.length >= 64 * 1024) ? swap : new byte[64 * 1024];
				this.heldLength = n;
			}
		}
		String actual = Sha256.hex(this.digest);
		if (!actual.equals(this.expectedSha256)) {
			throw new VerifiedBody.ReplicaMismatchException(
					"the bytes hash to " + actual + ", the object's SHA-256 is " + this.expectedSha256);
		}
		toReader();
		if (this.readerFailure != null) {
			throw this.readerFailure;
		}
	}

	/** The held piece to the reader, unless the reader has gone (the copy goes on). */
	private void toReader() {
		if (this.heldLength > 0 && this.readerFailure == null) {
			try {
				this.reader.write(this.held, 0, this.heldLength);
			}
			catch (IOException ex) {
				this.readerFailure = ex;
			}
		}
		this.heldLength = 0;
	}

	@Override
	public void close() {
		// The caller closes the source.
	}

}
