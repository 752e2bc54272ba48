package io.dim.api.s3;

import java.time.Clock;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;

import org.springframework.stereotype.Component;

/**
 * Chaos: faults injected into every S3 call to an endpoint (see {@link S3FaultInjector}),
 * so the migrator, reads, bootstrap, probes and tools all feel them. In memory: a restart
 * clears them, as it would end a real outage drill.
 */
@Component
public class S3Faults {

	private final Map<String, Fault> faults = new ConcurrentHashMap<>();

	private final Clock clock = Clock.systemUTC();

	/** Every call to the endpoint fails as if it were down. */
	public void fail(String endpoint) {
		this.faults.compute(endpoint, (name, fault) -> current(fault).failedSince() != null ? current(fault)
				: current(fault).withFailedSince(this.clock.instant()));
	}

	public void recover(String endpoint) {
		this.faults.compute(endpoint, (name, fault) -> current(fault).withFailedSince(null).orNullIfNone());
	}

	/** Adds {@code ms} milliseconds before every call (0 removes it). */
	public void latency(String endpoint, long ms) {
		this.faults.compute(endpoint, (name, fault) -> current(fault).withLatency(ms).orNullIfNone());
	}

	/** Fails a share {@code rate} (0 to 1) of the calls at random (0 removes it). */
	public void flaky(String endpoint, double rate) {
		this.faults.compute(endpoint, (name, fault) -> current(fault).withFlakyRate(rate).orNullIfNone());
	}

	public void clear() {
		this.faults.clear();
	}

	public Fault of(String endpoint) {
		return current(this.faults.get(endpoint));
	}

	public boolean isFailed(String endpoint) {
		return of(endpoint).failedSince() != null;
	}

	/** Whether any endpoint is failed: nothing is deleted anywhere meanwhile. */
	public boolean anyFailed() {
		return this.faults.values().stream().anyMatch((fault) -> fault.failedSince() != null);
	}

	public Optional<Instant> failedSince(String endpoint) {
		return Optional.ofNullable(of(endpoint).failedSince());
	}

	/** Every endpoint with a fault, by name. */
	public Map<String, Fault> all() {
		return new TreeMap<>(this.faults);
	}

	private static Fault current(Fault fault) {
		return (fault != null) ? fault : Fault.NONE;
	}

	/**
	 * @param failedSince when the endpoint was failed, null when it is not
	 * @param latencyMs added before every call
	 * @param flakyRate share of calls failed at random
	 */
	public record Fault(Instant failedSince, long latencyMs, double flakyRate) {

		static final Fault NONE = new Fault(null, 0, 0);

		Fault withFailedSince(Instant when) {
			return new Fault(when, this.latencyMs, this.flakyRate);
		}

		Fault withLatency(long ms) {
			return new Fault(this.failedSince, ms, this.flakyRate);
		}

		Fault withFlakyRate(double rate) {
			return new Fault(this.failedSince, this.latencyMs, rate);
		}

		Fault orNullIfNone() {
			return equals(NONE) ? null : this;
		}

	}

}
