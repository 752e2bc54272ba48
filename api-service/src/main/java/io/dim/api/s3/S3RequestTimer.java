package io.dim.api.s3;

import java.time.Duration;

import java.util.Locale;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttribute;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.core.interceptor.SdkExecutionAttribute;

/**
 * Times every S3 call: {@code dim_s3_request_seconds{endpoint,op,outcome}}. The operation
 * names are the SDK's (GetObject, PutObject, ...), a fixed set; endpoints are configured.
 */
class S3RequestTimer implements ExecutionInterceptor {

	private static final ExecutionAttribute<Long> STARTED = new ExecutionAttribute<>("dim.started");

	private final String endpoint;

	private final MeterRegistry registry;

	S3RequestTimer(String endpoint, MeterRegistry registry) {
		this.endpoint = endpoint;
		this.registry = registry;
	}

	@Override
	public void beforeExecution(Context.BeforeExecution context, ExecutionAttributes attributes) {
		attributes.putAttribute(STARTED, System.nanoTime());
	}

	@Override
	public void afterExecution(Context.AfterExecution context, ExecutionAttributes attributes) {
		record(attributes, "ok");
	}

	@Override
	public void onExecutionFailure(Context.FailedExecution context, ExecutionAttributes attributes) {
		record(attributes, "error");
	}

	private void record(ExecutionAttributes attributes, String outcome) {
		Long started = attributes.getAttribute(STARTED);
		if (started == null) {
			return;
		}
		String op = attributes.getAttribute(SdkExecutionAttribute.OPERATION_NAME);
		Timer.builder("dim_s3_request")
			.description("S3 calls per endpoint and operation")
			.tag("endpoint", this.endpoint)
			.tag("op", (op != null) ? op : "unknown")
			.tag("outcome", outcome.toLowerCase(Locale.ROOT))
			// Fixed buckets: a full histogram per endpoint, operation and outcome would
			// make /metrics heavy for little gain.
			.serviceLevelObjectives(Duration.ofMillis(5), Duration.ofMillis(10), Duration.ofMillis(25),
					Duration.ofMillis(50), Duration.ofMillis(100), Duration.ofMillis(250), Duration.ofMillis(500),
					Duration.ofMillis(1000), Duration.ofMillis(2500), Duration.ofMillis(5000), Duration.ofMillis(10000))
			.register(this.registry)
			.record(System.nanoTime() - started, java.util.concurrent.TimeUnit.NANOSECONDS);
	}

}
