package io.dim.api.s3;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import io.dim.api.support.TestStack;
import io.dim.localstack.LocalStack;
import io.dim.model.endpoint.EndpointCatalog;
import io.dim.model.endpoint.EndpointConfig;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.http.ContentStreamProvider;
import software.amazon.awssdk.http.SdkHttpMethod;
import software.amazon.awssdk.http.SdkHttpRequest;
import software.amazon.awssdk.http.auth.aws.signer.AwsV4FamilyHttpSigner;
import software.amazon.awssdk.http.auth.aws.signer.AwsV4HttpSigner;
import software.amazon.awssdk.http.auth.spi.signer.SignRequest;
import software.amazon.awssdk.http.auth.spi.signer.SignedRequest;
import software.amazon.awssdk.identity.spi.AwsCredentialsIdentity;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.S3Exception;

/**
 * Plain-HTTP endpoints get unsigned bodies with a valid signature: checked on the signed
 * request, and by a real S3 server (S3Proxy) that verifies every signature.
 */
class PlainHttpPayloadSignerTests {

	private static final byte[] BODY = "some bytes to store".getBytes(StandardCharsets.UTF_8);

	private static LocalStack stack;

	@BeforeAll
	static void startEndpoints() {
		stack = TestStack.startS3();
	}

	@AfterAll
	static void stopEndpoints() throws Exception {
		stack.close();
	}

	@Test
	void plainHttpRequestsAreSignedWithAnUnsignedPayloadAndStayHttp() {
		SignedRequest signed = sign("http://127.0.0.1:9100/dim-data/key");

		assertThat(signed.request().protocol()).isEqualTo("http");
		assertThat(signed.request().port()).isEqualTo(9100);
		assertThat(signed.request().firstMatchingHeader("x-amz-content-sha256")).contains("UNSIGNED-PAYLOAD");
		assertThat(signed.request().firstMatchingHeader("Content-Encoding")).isEmpty();
		assertThat(signed.request().firstMatchingHeader("Authorization")).hasValueSatisfying(
				(authorization) -> assertThat(authorization).startsWith("AWS4-HMAC-SHA256 Credential=key-id/"));
	}

	@Test
	void httpsAndDefaultPortRequestsAreSignedAsTheSdkSignsThem() {
		assertThat(sign("https://s3.example.com/dim-data/key").request().firstMatchingHeader("x-amz-content-sha256"))
			.contains("UNSIGNED-PAYLOAD");
		// On port 80 the Host header would change with the protocol: left to the SDK,
		// which signs the body over HTTP.
		assertThat(sign("http://s3.example.com/dim-data/key").request().firstMatchingHeader("x-amz-content-sha256"))
			.hasValueSatisfying((hash) -> assertThat(hash).isNotEqualTo("UNSIGNED-PAYLOAD"));
	}

	@Test
	void aServerThatChecksSignaturesAcceptsTheRequestsAndRefusesAWrongSecret() {
		EndpointConfig aws = stack.endpoints().stream().filter((e) -> e.name().equals("aws")).findFirst().orElseThrow();
		S3Clients clients = new S3Clients(new EndpointCatalog(List.of(aws)), new S3Faults(), new SimpleMeterRegistry());
		try {
			S3Client client = clients.client("aws");
			client.createBucket((r) -> r.bucket("signer-test"));
			client.putObject((r) -> r.bucket("signer-test").key("a/b.bin"), RequestBody.fromBytes(BODY));
			assertThat(client.getObjectAsBytes((r) -> r.bucket("signer-test").key("a/b.bin")).asByteArray())
				.isEqualTo(BODY);

			EndpointConfig wrongSecret = new EndpointConfig("aws", aws.url(), aws.accessKey(), "not-the-secret",
					aws.bucket(), aws.latencyMs(), aws.costPerGb(), aws.encrypted(), aws.egressCostPerGb(),
					aws.capacityGb(), aws.provider(), aws.region());
			S3Clients wrong = new S3Clients(new EndpointCatalog(List.of(wrongSecret)), new S3Faults(),
					new SimpleMeterRegistry());
			try {
				assertThatThrownBy(() -> wrong.client("aws")
					.putObject((r) -> r.bucket("signer-test").key("a/c.bin"), RequestBody.fromBytes(BODY)))
					.isInstanceOf(S3Exception.class)
					.satisfies((ex) -> assertThat(((S3Exception) ex).statusCode()).isEqualTo(403));
			}
			finally {
				wrong.destroy();
			}
		}
		finally {
			clients.destroy();
		}
	}

	private static SignedRequest sign(String url) {
		SdkHttpRequest request = SdkHttpRequest.builder()
			.method(SdkHttpMethod.PUT)
			.uri(URI.create(url))
			.putHeader("Content-Length", String.valueOf(BODY.length))
			.build();
		SignRequest<AwsCredentialsIdentity> signRequest = SignRequest
			.builder(AwsCredentialsIdentity.create("key-id", "secret"))
			.request(request)
			.payload(ContentStreamProvider.fromByteArray(BODY))
			.putProperty(AwsV4FamilyHttpSigner.SERVICE_SIGNING_NAME, "s3")
			.putProperty(AwsV4HttpSigner.REGION_NAME, "us-east-1")
			.putProperty(AwsV4FamilyHttpSigner.CHUNK_ENCODING_ENABLED, true)
			.putProperty(AwsV4FamilyHttpSigner.PAYLOAD_SIGNING_ENABLED, false)
			.build();
		return PlainHttpPayloadSigner.authScheme().signer().sign(signRequest);
	}

}
