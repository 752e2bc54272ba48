package io.dim.api.migrate;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.stereotype.Service;

import io.dim.api.file.ReplicaMismatches;
import io.dim.api.s3.S3Clients;
import io.dim.api.s3.S3Errors;
import io.dim.api.s3.S3Faults;
import io.dim.model.endpoint.EndpointConfig;
import io.dim.model.migration.TaskKind;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;

/**
 * Executes migration tasks in bounded rounds ("ticks"): claims due tasks under a lease,
 * runs up to {@code concurrency} at once, records each outcome, then moves jobs forward.
 * Failures retry with exponential backoff and jitter, then park as FAILED with the error.
 */
@Service
public class Migrator implements DisposableBean {

	private static final Logger log = LoggerFactory.getLogger(Migrator.class);

	private final TaskStore store;

	private final JobAdvancer advancer;

	private final CopyEngine copies;

	private final S3Clients clients;

	private final S3Faults faults;

	private final DeleteGuard deletes;

	private final ReplicaMismatches mismatches;

	private final MigratorProperties settings;

	private final String owner;

	private final ExecutorService workers;

	private final java.util.concurrent.ScheduledExecutorService heartbeats = Executors
		.newSingleThreadScheduledExecutor((runnable) -> {
			Thread thread = new Thread(runnable, "migrator-leases");
			thread.setDaemon(true);
			return thread;
		});

	private final Counter bytesCopied;

	private final Counter jobsDone;

	private final Counter jobsFailed;

	private final Timer copyTime;

	public Migrator(TaskStore store, JobAdvancer advancer, CopyEngine copies, S3Clients clients, S3Faults faults,
			DeleteGuard deletes, ReplicaMismatches mismatches, MigratorProperties settings, MeterRegistry registry) {
		this.store = store;
		this.mismatches = mismatches;
		this.deletes = deletes;
		this.advancer = advancer;
		this.copies = copies;
		this.clients = clients;
		this.faults = faults;
		this.settings = settings;
		this.owner = StoppedWorkerLeases.newOwner();
		this.workers = Executors.newFixedThreadPool(settings.concurrency(), (runnable) -> {
			Thread thread = new Thread(runnable, "migrator-" + UUID.randomUUID().toString().substring(0, 4));
			thread.setDaemon(true);
			return thread;
		});
		this.bytesCopied = Counter.builder("dim_migration_bytes")
			.description("Bytes copied by verified migration copies")
			.baseUnit("bytes")
			.register(registry);
		this.jobsDone = Counter.builder("dim_migration_jobs").tag("outcome", "done").register(registry);
		this.jobsFailed = Counter.builder("dim_migration_jobs").tag("outcome", "failed").register(registry);
		this.copyTime = Timer.builder("dim_migration_copy")
			.description("Duration of verified copies")
			.serviceLevelObjectives(Duration.ofMillis(10), Duration.ofMillis(50), Duration.ofMillis(100),
					Duration.ofMillis(250), Duration.ofMillis(500), Duration.ofMillis(1000), Duration.ofMillis(2500),
					Duration.ofMillis(5000), Duration.ofMillis(10000), Duration.ofMillis(30000),
					Duration.ofMillis(60000), Duration.ofMillis(300000))
			.register(registry);
	}

	/**
	 * One bounded round asked for (API, drain): at most {@code tasks-per-tick} tasks,
	 * copies waiting for a read to carry them included.
	 */
	public TickReport tick() {
		return round(false);
	}

	/**
	 * One bounded round of the background scheduler: copies waiting for a read to carry
	 * them ({@code copy-on-read-wait}) are left until their wait ends.
	 */
	TickReport tickInBackground() {
		return round(true);
	}

	private synchronized TickReport round(boolean waitForReads) {
		long started = System.nanoTime();
		List<ClaimedTask> claimed = this.store.claim(this.owner, this.settings.tasksPerTick(),
				this.settings.lease().toMillis(), waitForReads);
		Outcomes outcomes = new Outcomes();
		List<Future<?>> running = new ArrayList<>();
		for (ClaimedTask task : largestFirst(claimed)) {
			running.add(this.workers.submit(() -> run(task, outcomes)));
		}
		for (Future<?> future : running) {
			try {
				future.get();
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				break;
			}
			catch (java.util.concurrent.ExecutionException ex) {
				log.error("Migration task crashed", ex.getCause());
			}
		}
		JobAdvancer.Advance advance = this.advancer.advance(this.store.now());
		this.jobsDone.increment(advance.jobsDone());
		this.jobsFailed.increment(advance.jobsFailed());
		TickReport report = new TickReport(claimed.size(), outcomes.copied.get(), outcomes.deleted.get(),
				outcomes.retried.get(), outcomes.failed.get(), outcomes.postponed.get(), outcomes.bytes.get(),
				advance.jobsDone(), advance.jobsFailed(), advance.deletesPlanned(), advance.deletesWaiting(),
				(System.nanoTime() - started) / 1e9);
		if (claimed.size() > 0 || advance.jobsDone() + advance.jobsFailed() + advance.deletesPlanned() > 0) {
			log.info("Migrator tick: {}", report);
		}
		return report;
	}

	/**
	 * The round's tasks, largest object first: the round ends when its last copy does,
	 * and a large copy started last would keep it going while the other workers idle.
	 */
	static List<ClaimedTask> largestFirst(List<ClaimedTask> claimed) {
		List<ClaimedTask> ordered = new ArrayList<>(claimed);
		ordered.sort(java.util.Comparator.comparingLong(ClaimedTask::sizeBytes).reversed());
		return ordered;
	}

	private void run(ClaimedTask task, Outcomes outcomes) {
		// The lease is renewed while the task runs, so a long copy is not taken up by
		// another worker; a crashed worker stops renewing and its task is taken up.
		long lease = this.settings.lease().toMillis();
		java.util.concurrent.ScheduledFuture<?> heartbeat = this.heartbeats.scheduleAtFixedRate(() -> {
			try {
				this.store.extendLease(task, this.owner, lease);
			}
			catch (RuntimeException ex) {
				log.warn("Could not renew the lease of task {}: {}", task.id(), ex.toString());
			}
		}, lease / 3, lease / 3, java.util.concurrent.TimeUnit.MILLISECONDS);
		try {
			runLeased(task, outcomes);
		}
		finally {
			heartbeat.cancel(false);
		}
	}

	private void runLeased(ClaimedTask task, Outcomes outcomes) {
		try {
			if (task.kind() == TaskKind.COPY) {
				copy(task, outcomes);
			}
			else {
				delete(task, outcomes);
			}
		}
		catch (RuntimeException ex) {
			String error = (ex instanceof CopyFailedException) ? ex.getMessage() : S3Errors.describe(ex);
			boolean last = task.attempts() >= this.settings.maxAttempts();
			if (task.kind() == TaskKind.COPY) {
				this.store.copyAbandoned(task.key(), task.target());
			}
			this.store.retryOrFail(task, this.owner, error, last, last ? 0 : backoff(task.attempts()));
			(last ? outcomes.failed : outcomes.retried).incrementAndGet();
			log.warn("{} {} of '{}' to {} failed (attempt {} of {}): {}", task.kind(), task.id(), task.key(),
					task.target(), task.attempts(), this.settings.maxAttempts(), error);
		}
	}

	private void copy(ClaimedTask task, Outcomes outcomes) {
		if (!task.catalogued()) {
			throw new CopyFailedException("the object is no longer in the catalogue");
		}
		Map<String, String> replicas = this.store.replicas(task.key());
		if ("VALID".equals(replicas.get(task.target()))) {
			// Done by an earlier attempt that could not record it: nothing to copy.
			this.store.done(task, this.owner);
			outcomes.copied.incrementAndGet();
			return;
		}
		if (this.faults.isFailed(task.target())) {
			// A known outage (chaos): wait for it instead of spending attempts on it.
			this.store.postpone(task, this.owner, "waiting: target " + task.target() + " is failed",
					this.settings.tickInterval().toMillis());
			outcomes.postponed.incrementAndGet();
			return;
		}
		String source = chooseSource(task, TaskStore.valid(replicas));
		this.store.copyStarted(task.key(), task.target());
		if (task.sizeBytes() >= this.settings.multipartThreshold().toBytes()) {
			this.copies.abortLeftovers(task.target(), task.key());
		}
		CopyEngine.CopyResult result;
		try {
			result = this.copies.copy(task.key(), source, task.target(), task.sizeBytes(), task.sha256());
		}
		catch (CopyEngine.SourceMismatchException ex) {
			this.mismatches.record(task.key(), source, ex.getMessage());
			throw ex;
		}
		this.store.copyVerified(task, this.owner, result.bytes());
		recordCopy(result);
		outcomes.copied.incrementAndGet();
		outcomes.bytes.addAndGet(result.bytes());
	}

	/** A verified copy, made here or carried by a read, in the metrics. */
	void recordCopy(CopyEngine.CopyResult result) {
		this.bytesCopied.increment(result.bytes());
		this.copyTime.record(Duration.ofNanos((long) (result.seconds() * 1e9)));
	}

	/**
	 * The task's source if it still holds a verified replica, else the fastest one that
	 * does. A replica whose bytes a read or an earlier attempt found wrong comes last:
	 * another one may hold the object's bytes (and if none does, the attempt says so).
	 */
	private String chooseSource(ClaimedTask task, List<String> valid) {
		java.util.Set<String> foundWrong = this.mismatches.foundOn(task.key());
		if (task.source() != null && valid.contains(task.source()) && !this.faults.isFailed(task.source())
				&& !foundWrong.contains(task.source())) {
			return task.source();
		}
		return valid.stream()
			.filter((endpoint) -> !endpoint.equals(task.target()) && !this.faults.isFailed(endpoint))
			.filter((endpoint) -> this.clients.known(endpoint))
			.min(java.util.Comparator.comparing((String e) -> foundWrong.contains(e))
				.thenComparingDouble((String e) -> this.clients.endpoint(e).latencyMs()))
			.orElseThrow(() -> new CopyFailedException("no verified replica to copy from is reachable"));
	}

	private void delete(ClaimedTask task, Outcomes outcomes) {
		java.util.Optional<String> wait = this.deletes.whyWait();
		if (wait.isPresent()) {
			this.store.postpone(task, this.owner, "waiting: " + wait.get() + "; nothing is deleted meanwhile",
					this.settings.tickInterval().toMillis());
			outcomes.postponed.incrementAndGet();
			return;
		}
		Map<String, String> replicas = this.store.replicas(task.key());
		if (!replicas.containsKey(task.target())) {
			this.store.done(task, this.owner);
			outcomes.deleted.incrementAndGet();
			return;
		}
		List<String> others = new ArrayList<>(TaskStore.valid(replicas));
		others.remove(task.target());
		if (others.isEmpty()) {
			// Rule 2: never the last verified replica.
			throw new CopyFailedException("refusing to delete the only verified replica");
		}
		java.util.Set<String> foundWrong = this.mismatches.foundOn(task.key());
		if (!foundWrong.contains(task.target()) && foundWrong.containsAll(others)) {
			// A replica found with other bytes is no copy to fall back on.
			throw new CopyFailedException("refusing to delete the only replica known to hold the object's bytes: "
					+ "the others (" + String.join(", ", others)
					+ ") were found with other bytes (see the replica_mismatch alert)");
		}
		this.store.markDeleting(task.key(), task.target());
		EndpointConfig endpoint = this.clients.endpoint(task.target());
		this.clients.client(task.target()).deleteObject((r) -> r.bucket(endpoint.bucket()).key(task.key()));
		this.store.deleted(task, this.owner);
		outcomes.deleted.incrementAndGet();
	}

	/** Exponential backoff with full jitter, capped. */
	long backoff(int attempts) {
		long base = this.settings.backoff().toMillis();
		long capped = Math.min(this.settings.maxBackoff().toMillis(),
				base * (1L << Math.min(20, Math.max(0, attempts - 1))));
		return capped / 2 + ThreadLocalRandom.current().nextLong(capped / 2 + 1);
	}

	@Override
	public void destroy() {
		this.workers.shutdownNow();
		this.heartbeats.shutdownNow();
	}

	private static final class Outcomes {

		final AtomicInteger copied = new AtomicInteger();

		final AtomicInteger deleted = new AtomicInteger();

		final AtomicInteger retried = new AtomicInteger();

		final AtomicInteger failed = new AtomicInteger();

		final AtomicInteger postponed = new AtomicInteger();

		final AtomicLong bytes = new AtomicLong();

	}

}
