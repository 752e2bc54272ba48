package io.dim.api.s3;

import java.util.concurrent.ThreadLocalRandom;

import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;

/** Applies an endpoint's {@link S3Faults} before each of its S3 calls. */
class S3FaultInjector implements ExecutionInterceptor {

	private final String endpoint;

	private final S3Faults faults;

	S3FaultInjector(String endpoint, S3Faults faults) {
		this.endpoint = endpoint;
		this.faults = faults;
	}

	@Override
	public void beforeExecution(Context.BeforeExecution context, ExecutionAttributes attributes) {
		S3Faults.Fault fault = this.faults.of(this.endpoint);
		if (fault.latencyMs() > 0) {
			try {
				Thread.sleep(fault.latencyMs());
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				throw SdkClientException.create("interrupted during injected latency", ex);
			}
		}
		if (fault.failedSince() != null) {
			throw SdkClientException.create("chaos: endpoint '" + this.endpoint + "' is failed");
		}
		if (fault.flakyRate() > 0 && ThreadLocalRandom.current().nextDouble() < fault.flakyRate()) {
			throw SdkClientException.create("chaos: endpoint '" + this.endpoint + "' is flaky");
		}
	}

}
