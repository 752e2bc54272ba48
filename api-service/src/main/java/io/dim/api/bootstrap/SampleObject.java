package io.dim.api.bootstrap;

import java.security.MessageDigest;
import java.util.SplittableRandom;

import io.dim.api.s3.Sha256;

/**
 * One object of the sample set. Its bytes are generated from its seed on demand, so the
 * same sample always has the same content and SHA-256, and nothing large is held longer
 * than one upload.
 */
record SampleObject(String key, String contentType, int size, long seed) {

	private static final byte[] PNG_MAGIC = { (byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n' };

	private static final byte[] PDF_MAGIC = "%PDF-1.7\n".getBytes(java.nio.charset.StandardCharsets.US_ASCII);

	private static final byte[] TEXT = "abcdefghijklmnopqrstuvwxyz ABCDEFGHIJKLMNOPQRSTUVWXYZ 0123456789,;.\n"
		.getBytes(java.nio.charset.StandardCharsets.US_ASCII);

	byte[] content() {
		byte[] bytes = new byte[this.size];
		SplittableRandom random = new SplittableRandom(this.seed);
		if (this.contentType.startsWith("text/") || this.contentType.equals("application/json")) {
			for (int i = 0; i < bytes.length; i++) {
				bytes[i] = TEXT[random.nextInt(TEXT.length)];
			}
		}
		else {
			random.nextBytes(bytes);
			byte[] magic = this.contentType.equals("image/png") ? PNG_MAGIC
					: (this.contentType.equals("application/pdf") ? PDF_MAGIC : new byte[0]);
			System.arraycopy(magic, 0, bytes, 0, Math.min(magic.length, bytes.length));
		}
		return bytes;
	}

	static String sha256(byte[] bytes) {
		MessageDigest digest = Sha256.digest();
		digest.update(bytes);
		return Sha256.hex(digest);
	}

}
