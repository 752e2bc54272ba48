package io.dim.api.migrate;

import org.springframework.stereotype.Component;

import io.dim.api.optimize.CopyWait;
import io.dim.api.optimize.ObjectFacts;
import io.dim.api.s3.S3Faults;
import io.dim.model.config.DimProperties;

/**
 * A placement change's copies wait {@code dim.migrator.copy-on-read-wait} for a read to
 * carry them ({@link CopyOnRead}), unless no read can (the object needs a multipart
 * upload) or the copy restores redundancy: an object with fewer verified replicas on
 * endpoints that are not failed than the replication factor is copied at once. (Repairs
 * of objects on an endpoint down past the grace period are released by
 * {@link RepairScanner}.)
 */
@Component
class CopyOnReadWait implements CopyWait {

	private final long waitMillis;

	private final long threshold;

	private final int replicationFactor;

	private final S3Faults faults;

	CopyOnReadWait(MigratorProperties settings, DimProperties dim, S3Faults faults) {
		this.waitMillis = settings.copyOnReadWait().toMillis();
		this.threshold = settings.multipartThreshold().toBytes();
		this.replicationFactor = dim.replicationFactor();
		this.faults = faults;
	}

	@Override
	public Long readWaitUntil(ObjectFacts facts, long now) {
		if (this.waitMillis == 0 || facts.sizeBytes() >= this.threshold) {
			return null;
		}
		long healthy = facts.current().stream().filter((endpoint) -> !this.faults.isFailed(endpoint)).count();
		return (healthy < this.replicationFactor) ? null : now + this.waitMillis;
	}

}
