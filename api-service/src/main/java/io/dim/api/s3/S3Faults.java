package io.dim.api.s3;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.beans.factory.InitializingBean;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.dao.DataAccessException;
import org.springframework.stereotype.Component;

/**
 * Chaos: faults injected into every S3 call to an endpoint (see {@link S3FaultInjector}),
 * so the migrator, reads, bootstrap, probes and tools all feel them. In the service they
 * live in the database ({@link S3FaultStore}), shared by every instance: a change is
 * written there and applied here at once, and every instance reloads them every
 * {@code dim.chaos.refresh-interval}, so an endpoint failed through one instance is
 * failed for all, and stays failed across restarts until it is recovered or the faults
 * are cleared. The S3 calls read the copy in memory, never the database. Built without a
 * store (S3 clients made outside a service, in tests), there are no faults and none can
 * be injected.
 */
@Component
public class S3Faults implements InitializingBean, DisposableBean {

	private static final Logger log = LoggerFactory.getLogger(S3Faults.class);

	private volatile Map<String, Fault> faults = Map.of();

	private final Clock clock = Clock.systemUTC();

	private final S3FaultStore store;

	private final Duration refreshInterval;

	private final ScheduledExecutorService refresher;

	/** Whether the last reload failed (logged once until one succeeds). */
	private volatile boolean reloadFailing;

	/** No faults, and none can be injected. */
	public S3Faults() {
		this.store = null;
		this.refreshInterval = null;
		this.refresher = null;
	}

	/** Faults shared through {@code store}, reloaded every refresh interval. */
	@Autowired
	public S3Faults(S3FaultStore store, ChaosProperties properties) {
		this.store = store;
		this.refreshInterval = properties.refreshInterval();
		this.refresher = Executors
			.newSingleThreadScheduledExecutor(Thread.ofPlatform().name("chaos-refresh").daemon().factory());
	}

	@Override
	public void afterPropertiesSet() {
		if (this.store != null) {
			reload();
			long interval = this.refreshInterval.toMillis();
			this.refresher.scheduleWithFixedDelay(this::reloadQuietly, interval, interval, TimeUnit.MILLISECONDS);
		}
	}

	@Override
	public void destroy() {
		if (this.refresher != null) {
			this.refresher.shutdownNow();
		}
	}

	/** Every call to the endpoint fails as if it were down. */
	public void fail(String endpoint) {
		change(() -> this.store.fail(endpoint, this.clock.instant()));
	}

	public void recover(String endpoint) {
		change(() -> this.store.recover(endpoint));
	}

	/** Adds {@code ms} milliseconds before every call (0 removes it). */
	public void latency(String endpoint, long ms) {
		change(() -> this.store.latency(endpoint, ms));
	}

	/** Fails a share {@code rate} (0 to 1) of the calls at random (0 removes it). */
	public void flaky(String endpoint, double rate) {
		change(() -> this.store.flaky(endpoint, rate));
	}

	public void clear() {
		change(this.store::clear);
	}

	/**
	 * Reloads the faults from the database now (deletes ask before they go ahead, rather
	 * than trust a copy up to one refresh interval old).
	 */
	public synchronized void reload() {
		if (this.store != null) {
			this.faults = Map.copyOf(this.store.all());
		}
	}

	public Fault of(String endpoint) {
		return current(this.faults.get(endpoint));
	}

	public boolean isFailed(String endpoint) {
		return of(endpoint).failedSince() != null;
	}

	public Optional<Instant> failedSince(String endpoint) {
		return Optional.ofNullable(of(endpoint).failedSince());
	}

	/** Every endpoint with a fault, by name. */
	public Map<String, Fault> all() {
		return new TreeMap<>(this.faults);
	}

	/** Writes a change to the store and applies it here at once. */
	private synchronized void change(Runnable write) {
		if (this.store == null) {
			throw new IllegalStateException("chaos faults need the database (S3Faults built without a store)");
		}
		write.run();
		reload();
	}

	private void reloadQuietly() {
		try {
			reload();
			if (this.reloadFailing) {
				log.info("Chaos: faults reloaded from the database again");
				this.reloadFailing = false;
			}
		}
		catch (DataAccessException ex) {
			if (!this.reloadFailing) {
				log.warn("Chaos: cannot reload the faults from the database, keeping the last ones: {}",
						ex.getMostSpecificCause().toString());
				this.reloadFailing = true;
			}
		}
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

		/** No fault. */
		public static final Fault NONE = new Fault(null, 0, 0);

	}

}
