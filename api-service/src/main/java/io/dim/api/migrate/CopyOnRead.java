package io.dim.api.migrate;

import java.io.IOException;
import java.io.InputStream;
import java.util.Optional;
import java.util.function.Supplier;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

import io.dim.api.s3.S3Errors;
import io.dim.api.s3.S3Faults;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import software.amazon.awssdk.services.s3.model.GetObjectResponse;

/**
 * Lets a read carry a pending copy of the object it serves: the bytes leave the serving
 * replica once, for the reader and for the new replica alike, so the copy pays no egress
 * of its own. Copies made for placement changes wait for such a read
 * ({@code dim.migrator.copy-on-read-wait}) before the background migrator makes them. A
 * carried copy follows the migrator's rules: claimed under a lease, the replica recorded
 * only once the target's copy is verified, and on any failure the task goes back to the
 * queue without spending an attempt (the migrator, or the next read, makes it).
 */
@Component
public class CopyOnRead {

	private static final Logger log = LoggerFactory.getLogger(CopyOnRead.class);

	private final TaskStore store;

	private final CopyEngine engine;

	private final S3Faults faults;

	private final Migrator migrator;

	private final long threshold;

	private final long leaseMillis;

	private final String owner = StoppedWorkerLeases.newOwner();

	private final Counter carried;

	private final Counter failed;

	CopyOnRead(TaskStore store, CopyEngine engine, S3Faults faults, Migrator migrator, MigratorProperties settings,
			MeterRegistry registry) {
		this.store = store;
		this.engine = engine;
		this.faults = faults;
		this.migrator = migrator;
		this.threshold = settings.multipartThreshold().toBytes();
		this.leaseMillis = settings.lease().toMillis();
		this.carried = Counter.builder("dim_migration_copies_on_reads")
			.tag("outcome", "done")
			.description("Copies carried by reads (no egress of their own)")
			.register(registry);
		this.failed = Counter.builder("dim_migration_copies_on_reads")
			.tag("outcome", "failed")
			.description("Copies carried by reads (no egress of their own)")
			.register(registry);
	}

	/**
	 * A pending copy of {@code key} that a read served from {@code serving} can carry,
	 * claimed for it; empty when there is none (or the object is too large for one PUT,
	 * or the queue cannot be read: the read goes on without it).
	 */
	public Optional<Carry> claim(String key, String serving, long sizeBytes) {
		if (sizeBytes >= this.threshold) {
			return Optional.empty();
		}
		try {
			return this.store.claimForRead(key, serving, this.faults::isFailed, this.owner, this.leaseMillis)
				.map(Carry::new);
		}
		catch (RuntimeException ex) {
			log.warn("A read of '{}' could not look for a copy to carry: {}", key, ex.toString());
			return Optional.empty();
		}
	}

	/** A copy claimed for one read. */
	public final class Carry {

		private final ClaimedTask task;

		private long leaseRenewedAt = System.nanoTime();

		private Carry(ClaimedTask task) {
			this.task = task;
		}

		public String target() {
			return this.task.target();
		}

		/**
		 * Uploads the read's bytes as the new replica and records it once verified.
		 * @param source the GET response the bytes come from
		 * @param body the bytes the reader gets, hashed by the caller
		 * @param sha256 their SHA-256, asked once they are sent
		 * @throws IOException or a runtime exception when the copy failed: the task is
		 * back in the queue
		 */
		public void upload(GetObjectResponse source, InputStream body, Supplier<String> sha256) throws IOException {
			String key = this.task.key();
			try {
				CopyOnRead.this.store.copyStarted(key, target());
				CopyEngine.CopyResult result = CopyOnRead.this.engine.upload(key, target(), this.task.sizeBytes(),
						source, body, sha256);
				if (!result.sha256().equals(this.task.sha256())) {
					throw new CopyFailedException("SHA-256 mismatch: the read's bytes hash to " + result.sha256()
							+ ", the object's SHA-256 is " + this.task.sha256());
				}
				CopyOnRead.this.store.copyVerified(this.task, CopyOnRead.this.owner, result.bytes());
				CopyOnRead.this.migrator.recordCopy(result);
				CopyOnRead.this.carried.increment();
				log.info("A read of '{}' carried its copy to {} ({} bytes, no egress of its own)", key, target(),
						result.bytes());
			}
			catch (IOException | RuntimeException ex) {
				CopyOnRead.this.failed.increment();
				CopyOnRead.this.store.carryAbandoned(this.task, CopyOnRead.this.owner,
						"a read could not carry the copy: " + S3Errors.describe(ex));
				throw ex;
			}
		}

		/**
		 * Renews the lease when a third of it has passed (a slow reader can make a
		 * carried copy last long).
		 * @throws IOException when the lease is no longer this read's
		 */
		public void renewLeaseIfDue() throws IOException {
			long now = System.nanoTime();
			if (now - this.leaseRenewedAt < CopyOnRead.this.leaseMillis * 1_000_000 / 3) {
				return;
			}
			this.leaseRenewedAt = now;
			if (!CopyOnRead.this.store.extendLease(this.task, CopyOnRead.this.owner, CopyOnRead.this.leaseMillis)) {
				throw new IOException("the copy's lease was taken over (the read was too slow)");
			}
		}

	}

}
