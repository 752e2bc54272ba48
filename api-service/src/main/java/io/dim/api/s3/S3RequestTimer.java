package io.dim.api.s3;

import java.time.Duration;

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

	private final java.util.Map<String, Timer> timers = new java.util.concurrent.ConcurrentHashMap<>();

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
		String operation = (op != null) ? op : "unknown";
		// Built once per operation and outcome: this runs on every S3 call.
		this.timers.computeIfAbsent(operation + "/" + outcome, (name) -> timer(operation, outcome))
			.record(System.nanoTime() - started, java.util.concurrent.TimeUnit.NANOSECONDS);
	}

	private Timer timer(String operation, String outcome) {
		return Timer.builder("dim_s3_request")
			.description("S3 calls per endpoint and operation")
			.tag("endpoint", this.endpoint)
			.tag("op", operation)
			.tag("outcome", outcome)
			// Fixed buckets: a full histogram per endpoint, operation and outcome would
			// make /metrics heavy for little gain.
			.serviceLevelObjectives(Duration.ofMillis(5), Duration.ofMillis(10), Duration.ofMillis(25),
					Duration.ofMillis(50), Duration.ofMillis(100), Duration.ofMillis(250), Duration.ofMillis(500),
					Duration.ofMillis(1000), Duration.ofMillis(2500), Duration.ofMillis(5000), Duration.ofMillis(10000))
			.register(this.registry);
	}

}
