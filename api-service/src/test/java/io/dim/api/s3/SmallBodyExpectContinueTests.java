package io.dim.api.s3;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import org.junit.jupiter.api.Test;

import io.dim.api.support.TestStack;
import io.dim.localstack.LocalStack;
import io.dim.model.endpoint.EndpointConfig;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;

import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.InterceptorContext;
import software.amazon.awssdk.http.SdkHttpMethod;
import software.amazon.awssdk.http.SdkHttpRequest;
import software.amazon.awssdk.services.s3.model.PutObjectRequest;

class SmallBodyExpectContinueTests {

	@Test
	void inTheS3ClientsChainItRunsAfterTheInterceptorThatAddsTheHeader() throws Exception {
		// What leaves the client, seen after every interceptor has modified the request.
		List<String> sent = new CopyOnWriteArrayList<>();
		ExecutionInterceptor recorder = new ExecutionInterceptor() {
			@Override
			public void beforeTransmission(Context.BeforeTransmission context, ExecutionAttributes attributes) {
				sent.add(context.httpRequest().encodedPath() + " expect="
						+ context.httpRequest().firstMatchingHeader("Expect").orElse("none"));
			}
		};
		try (LocalStack stack = TestStack.startS3()) {
			EndpointConfig aws = stack.endpoints().get(0);
			try (S3Client client = S3Client.builder()
				.endpointOverride(aws.url())
				.forcePathStyle(true)
				.region(Region.US_EAST_1)
				.credentialsProvider(
						StaticCredentialsProvider.create(AwsBasicCredentials.create(aws.accessKey(), aws.secretKey())))
				.overrideConfiguration((c) -> c.addExecutionInterceptor(new SmallBodyExpectContinue())
					.addExecutionInterceptor(recorder))
				.build()) {
				client.createBucket((r) -> r.bucket("expect-test"));
				client.putObject((r) -> r.bucket("expect-test").key("small"), RequestBody.fromBytes(new byte[1000]));
				client.putObject((r) -> r.bucket("expect-test").key("large"),
						RequestBody.fromBytes(new byte[(int) SmallBodyExpectContinue.THRESHOLD_BYTES]));
			}
		}
		assertThat(sent).contains("/expect-test/small expect=none", "/expect-test/large expect=100-continue");
	}

	private final SmallBodyExpectContinue interceptor = new SmallBodyExpectContinue();

	@Test
	void smallUploadsSendTheirBodyWithoutWaitingForContinue() {
		assertThat(expectAfter(SmallBodyExpectContinue.THRESHOLD_BYTES - 1)).isFalse();
		assertThat(expectAfter(256 * 1024)).isFalse();
	}

	@Test
	void largeUploadsAndUnknownLengthsKeepTheHandshake() {
		assertThat(expectAfter(SmallBodyExpectContinue.THRESHOLD_BYTES)).isTrue();
		assertThat(expectAfter(-1)).isTrue();
	}

	private boolean expectAfter(long contentLength) {
		SdkHttpRequest.Builder http = SdkHttpRequest.builder()
			.method(SdkHttpMethod.PUT)
			.uri(URI.create("http://127.0.0.1:9100/dim-data/key"))
			.putHeader("Expect", "100-continue");
		if (contentLength >= 0) {
			http.putHeader("Content-Length", String.valueOf(contentLength));
		}
		InterceptorContext context = InterceptorContext.builder()
			.request(PutObjectRequest.builder().bucket("dim-data").key("key").build())
			.httpRequest(http.build())
			.build();
		return this.interceptor.modifyHttpRequest(context, new ExecutionAttributes())
			.firstMatchingHeader("Expect")
			.isPresent();
	}

}
