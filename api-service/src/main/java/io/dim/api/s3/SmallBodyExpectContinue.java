package io.dim.api.s3;

import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.http.SdkHttpRequest;

/**
 * Drops {@code Expect: 100-continue} from uploads smaller than {@link #THRESHOLD_BYTES}.
 *
 * <p>
 * The S3 client asks for it on every PutObject and UploadPart, so each upload waits one
 * round trip for the server's "100 Continue" before sending its body: for a small object
 * that wait costs more than sending bytes the server might refuse. Newer SDKs skip it
 * below 1 MiB by default ({@code expectContinueThresholdInBytes}); SDK 2.42 has no such
 * setting, so this interceptor, which runs after the S3 client's own, removes the header.
 */
class SmallBodyExpectContinue implements ExecutionInterceptor {

	static final long THRESHOLD_BYTES = 1024 * 1024;

	@Override
	public SdkHttpRequest modifyHttpRequest(Context.ModifyHttpRequest context, ExecutionAttributes attributes) {
		SdkHttpRequest request = context.httpRequest();
		if (request.firstMatchingHeader("Expect").isEmpty()) {
			return request;
		}
		long length = request.firstMatchingHeader("Content-Length").map(Long::parseLong).orElse(Long.MAX_VALUE);
		return (length < THRESHOLD_BYTES) ? request.toBuilder().removeHeader("Expect").build() : request;
	}

}
