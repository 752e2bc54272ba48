package io.dim.api.read;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.Random;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** A read's bytes reach the client whole only when they hash to the object's SHA-256. */
class VerifiedBodyTests {

	@Test
	void matchingBytesArriveWholeWhateverTheirSize() throws Exception {
		for (int size : new int[] { 0, 1, 65_535, 65_536, 65_537, 300_000 }) {
			byte[] content = bytes(size, 1);
			ByteArrayOutputStream out = new ByteArrayOutputStream();
			VerifiedBody.copy(new ByteArrayInputStream(content), out, sha256(content));
			assertThat(out.toByteArray()).as("%d bytes", size).isEqualTo(content);
		}
	}

	@Test
	void otherBytesEndShortWithTheReason() throws Exception {
		for (int size : new int[] { 1, 65_536, 300_000 }) {
			byte[] content = bytes(size, 2);
			byte[] other = content.clone();
			other[0] ^= 1;
			String expected = sha256(content);
			ByteArrayOutputStream out = new ByteArrayOutputStream();
			assertThatThrownBy(() -> VerifiedBody.copy(new ByteArrayInputStream(other), out, expected))
				.isInstanceOf(VerifiedBody.ReplicaMismatchException.class)
				.hasMessageContaining("the object's SHA-256 is " + expected);
			// The last piece was held back: the client never gets the whole length.
			assertThat(out.size()).as("%d bytes", size).isLessThan(size);
		}
	}

	@Test
	void readingWholeGivesTheBytesOnlyWhenTheyMatch() throws Exception {
		byte[] content = bytes(100_000, 3);
		assertThat(VerifiedBody.readAll(new ByteArrayInputStream(content), sha256(content))).isEqualTo(content);
		byte[] other = content.clone();
		other[99_999] ^= 1;
		assertThatThrownBy(() -> VerifiedBody.readAll(new ByteArrayInputStream(other), sha256(content)))
			.isInstanceOf(VerifiedBody.ReplicaMismatchException.class);
	}

	private static byte[] bytes(int size, long seed) {
		byte[] content = new byte[size];
		new Random(seed).nextBytes(content);
		return content;
	}

	private static String sha256(byte[] content) throws Exception {
		return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(content));
	}

}
