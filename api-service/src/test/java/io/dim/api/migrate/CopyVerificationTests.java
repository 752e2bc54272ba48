package io.dim.api.migrate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.HexFormat;

import org.junit.jupiter.api.Test;

import io.dim.api.support.TestStack;
import io.dim.localstack.LocalStack;
import io.dim.localstack.S3Endpoint;
import io.dim.model.endpoint.EndpointConfig;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.GetObjectResponse;
import software.amazon.awssdk.services.s3.model.ServerSideEncryption;

/** How a copy's target is verified without hashing MD5 when the source's ETag is one. */
class CopyVerificationTests {

	private static final String MD5 = "\"9E107D9D372BB6826BD81D3542A419D6\"";

	@Test
	void aPlainEtagIsTheSourcesMd5() {
		assertThat(CopyEngine.md5FromEtag(GetObjectResponse.builder().eTag(MD5).build()))
			.isEqualTo("9e107d9d372bb6826bd81d3542a419d6");
		// SSE-S3 (AES256) keeps the MD5 ETag.
		assertThat(CopyEngine.md5FromEtag(
				GetObjectResponse.builder().eTag(MD5).serverSideEncryption(ServerSideEncryption.AES256).build()))
			.isEqualTo("9e107d9d372bb6826bd81d3542a419d6");
	}

	@Test
	void multipartKmsAndCustomerKeyEtagsAreNot() {
		assertThat(CopyEngine
			.md5FromEtag(GetObjectResponse.builder().eTag("\"9e107d9d372bb6826bd81d3542a419d6-3\"").build())).isNull();
		assertThat(CopyEngine.md5FromEtag(
				GetObjectResponse.builder().eTag(MD5).serverSideEncryption(ServerSideEncryption.AWS_KMS).build()))
			.isNull();
		assertThat(CopyEngine.md5FromEtag(GetObjectResponse.builder().eTag(MD5).sseCustomerAlgorithm("AES256").build()))
			.isNull();
		assertThat(CopyEngine.md5FromEtag(GetObjectResponse.builder().build())).isNull();
	}

	@Test
	void aCopyWhoseEtagsCannotBeComparedIsReadBackAndMustHashToWhatWasSent() throws Exception {
		byte[] content = "bytes on the target".getBytes(StandardCharsets.UTF_8);
		String sha256 = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(content));
		try (LocalStack stack = TestStack.startS3()) {
			EndpointConfig gcp = stack.endpoints()
				.stream()
				.filter((e) -> e.name().equals("gcp"))
				.findFirst()
				.orElseThrow();
			try (S3Client client = S3Endpoint.client(gcp)) {
				client.createBucket((r) -> r.bucket(gcp.bucket()));
				client.putObject((r) -> r.bucket(gcp.bucket()).key("k"), RequestBody.fromBytes(content));

				CopyEngine.verifyByReading(client, gcp, "k", sha256);
				assertThatThrownBy(() -> CopyEngine.verifyByReading(client, gcp, "k", "0".repeat(64)))
					.isInstanceOf(CopyFailedException.class)
					.hasMessage(
							"target gcp stored different bytes (SHA-256 " + sha256 + ", sent " + "0".repeat(64) + ")");
			}
		}
	}

}
