package io.dim.api.migrate;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

import io.dim.api.s3.S3Clients;
import io.dim.model.endpoint.EndpointConfig;
import software.amazon.awssdk.core.ResponseInputStream;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.CompletedPart;
import software.amazon.awssdk.services.s3.model.GetObjectResponse;
import software.amazon.awssdk.services.s3.model.HeadObjectResponse;
import software.amazon.awssdk.services.s3.model.MultipartUpload;

/**
 * Copies one object between endpoints without temp files: the GET from the source streams
 * into the PUT on the target (in parts of {@code part-size}, one part in memory at a
 * time, above {@code multipart-threshold}), and SHA-256 is computed on the way. The copy
 * counts only if the bytes' SHA-256 equals the one recorded for the object, the target
 * holds the expected size, and the source's version token (ETag) did not change during
 * the copy. A failed multipart copy is aborted, and one left behind by a crashed worker
 * is aborted before the next attempt.
 */
@Component
public class CopyEngine {

	private static final Logger log = LoggerFactory.getLogger(CopyEngine.class);

	private final S3Clients clients;

	private final long threshold;

	private final int partSize;

	public CopyEngine(S3Clients clients, MigratorProperties properties) {
		this.clients = clients;
		this.threshold = properties.multipartThreshold().toBytes();
		this.partSize = (int) properties.partSize().toBytes();
	}

	/**
	 * Copies {@code key} from {@code source} to {@code target} and verifies it.
	 * @throws CopyFailedException when the copy cannot be verified
	 */
	public CopyResult copy(String key, String source, String target, long size, String expectedSha256) {
		CopyResult result = transfer(key, source, target, size);
		if (!result.sha256().equals(expectedSha256)) {
			throw new CopyFailedException("SHA-256 mismatch: the bytes from " + source + " hash to " + result.sha256()
					+ ", the object's SHA-256 is " + expectedSha256);
		}
		return result;
	}

	/**
	 * Copies {@code key} as it is on the source, whatever its content (for the tools,
	 * which also copy objects outside the catalogue); checks the version token and the
	 * size. The result's SHA-256 is that of what was copied.
	 */
	public CopyResult copyAsIs(String key, String source, String target, long size) {
		return transfer(key, source, target, size);
	}

	private CopyResult transfer(String key, String source, String target, long size) {
		long started = System.nanoTime();
		EndpointConfig from = this.clients.endpoint(source);
		EndpointConfig to = this.clients.endpoint(target);
		S3Client sourceClient = this.clients.client(source);
		S3Client targetClient = this.clients.client(target);
		HeadObjectResponse before = sourceClient.headObject((r) -> r.bucket(from.bucket()).key(key));
		if (before.contentLength() != size) {
			throw new CopyFailedException(
					"source " + source + " holds " + before.contentLength() + " bytes, the object has " + size);
		}
		String sha256;
		try (ResponseInputStream<GetObjectResponse> body = sourceClient
			.getObject((r) -> r.bucket(from.bucket()).key(key).ifMatch(before.eTag()))) {
			MessageDigest digest = sha256();
			DigestInputStream hashing = new DigestInputStream(body, digest);
			if (size >= this.threshold) {
				copyInParts(targetClient, to.bucket(), key, hashing, size);
			}
			else {
				targetClient.putObject((r) -> r.bucket(to.bucket()).key(key).contentLength(size),
						RequestBody.fromInputStream(hashing, size));
			}
			sha256 = HexFormat.of().formatHex(digest.digest());
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		HeadObjectResponse after = sourceClient.headObject((r) -> r.bucket(from.bucket()).key(key));
		if (!after.eTag().equals(before.eTag())) {
			throw new CopyFailedException("the source changed during the copy (version token " + before.eTag()
					+ " became " + after.eTag() + ")");
		}
		HeadObjectResponse written = targetClient.headObject((r) -> r.bucket(to.bucket()).key(key));
		if (written.contentLength() != size) {
			throw new CopyFailedException("target " + target + " holds " + written.contentLength()
					+ " bytes after the copy, expected " + size);
		}
		return new CopyResult(size, sha256, written.eTag(), (System.nanoTime() - started) / 1e9);
	}

	/**
	 * Aborts multipart uploads of {@code key} left on the target, e.g. by a crashed
	 * worker.
	 */
	public int abortLeftovers(String target, String key) {
		EndpointConfig to = this.clients.endpoint(target);
		S3Client client = this.clients.client(target);
		int aborted = 0;
		for (MultipartUpload upload : client.listMultipartUploads((r) -> r.bucket(to.bucket()).prefix(key)).uploads()) {
			if (upload.key().equals(key)) {
				client.abortMultipartUpload((r) -> r.bucket(to.bucket()).key(key).uploadId(upload.uploadId()));
				aborted++;
			}
		}
		if (aborted > 0) {
			log.info("Aborted {} multipart upload(s) of '{}' left on {}", aborted, key, target);
		}
		return aborted;
	}

	private void copyInParts(S3Client client, String bucket, String key, InputStream in, long size) throws IOException {
		String uploadId = client.createMultipartUpload((r) -> r.bucket(bucket).key(key)).uploadId();
		try {
			List<CompletedPart> parts = new ArrayList<>();
			byte[] buffer = new byte[this.partSize];
			long remaining = size;
			int number = 1;
			while (remaining > 0) {
				int length = (int) Math.min(this.partSize, remaining);
				if (in.readNBytes(buffer, 0, length) != length) {
					throw new CopyFailedException("the source ended early, " + remaining + " bytes short");
				}
				int partNumber = number;
				String etag = client
					.uploadPart((r) -> r.bucket(bucket).key(key).uploadId(uploadId).partNumber(partNumber),
							RequestBody.fromInputStream(new java.io.ByteArrayInputStream(buffer, 0, length), length))
					.eTag();
				parts.add(CompletedPart.builder().partNumber(partNumber).eTag(etag).build());
				remaining -= length;
				number++;
			}
			client.completeMultipartUpload(
					(r) -> r.bucket(bucket).key(key).uploadId(uploadId).multipartUpload((u) -> u.parts(parts)));
		}
		catch (RuntimeException | IOException ex) {
			try {
				client.abortMultipartUpload((r) -> r.bucket(bucket).key(key).uploadId(uploadId));
			}
			catch (RuntimeException abortFailed) {
				ex.addSuppressed(abortFailed);
			}
			throw ex;
		}
	}

	private static MessageDigest sha256() {
		try {
			return MessageDigest.getInstance("SHA-256");
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException(ex);
		}
	}

	/**
	 * @param bytes bytes copied
	 * @param sha256 their SHA-256
	 * @param targetEtag the target's version token
	 * @param seconds how long it took
	 */
	public record CopyResult(long bytes, String sha256, String targetEtag, double seconds) {

	}

}
