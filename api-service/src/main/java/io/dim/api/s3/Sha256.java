package io.dim.api.s3;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * SHA-256, the hash every replica is checked against (file_meta.sha256, lower-case hex):
 * one place for the digest and for reading a whole object through it.
 */
public final class Sha256 {

	private Sha256() {
	}

	/** What a stream held: its length and its SHA-256. */
	public record Hashed(long size, String sha256) {

	}

	public static MessageDigest digest() {
		try {
			return MessageDigest.getInstance("SHA-256");
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException("every JDK has SHA-256", ex);
		}
	}

	/** The digest's value as file_meta stores it (and resets the digest). */
	public static String hex(MessageDigest digest) {
		return HexFormat.of().formatHex(digest.digest());
	}

	/** Reads the stream to its end, keeping only its length and hash. */
	public static Hashed drain(InputStream in) throws IOException {
		MessageDigest digest = digest();
		long size = new DigestInputStream(in, digest).transferTo(OutputStream.nullOutputStream());
		return new Hashed(size, hex(digest));
	}

}
