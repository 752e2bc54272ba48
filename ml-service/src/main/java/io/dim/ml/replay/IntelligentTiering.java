package io.dim.ml.replay;

import java.time.Duration;

/**
 * S3 Intelligent-Tiering's published rules mapped onto our endpoints: an object starts in
 * the frequent-access tier (the replication factor's fastest endpoints); after 30 days
 * without access it moves to infrequent access (the fastest endpoint dropped: the next
 * ones by latency), after 90 days to archive instant access (the cheapest endpoints to
 * store on); any access brings it back to frequent. Objects under 128 KB are never tiered
 * and pay no monitoring; the others pay the monitoring fee of 0.0025 per 1,000 objects
 * and month (counted as request cost).
 */
final class IntelligentTiering implements ReplayPolicy {

	static final long MIN_TIERED_BYTES = 128 * 1024;

	static final Duration TO_INFREQUENT = Duration.ofDays(30);

	static final Duration TO_ARCHIVE = Duration.ofDays(90);

	static final double MONITORING_PER_1000_OBJECTS_MONTH = 0.0025;

	@Override
	public String name() {
		return "intelligent-tiering";
	}

	@Override
	public int initial(int object, Replay replay) {
		return frequent(replay);
	}

	@Override
	public void afterAccess(int object, long time, boolean tierChanged, Replay replay) {
		replay.move(object, frequent(replay));
	}

	@Override
	public void hourly(long time, Replay replay) {
		for (int object = 0; object < replay.trace().objectCount(); object++) {
			if (!replay.exists(object) || replay.trace().size(object) < MIN_TIERED_BYTES) {
				continue;
			}
			long idle = time - replay.lastAccess(object);
			if (idle >= TO_ARCHIVE.toMillis()) {
				replay.move(object, archive(replay));
			}
			else if (idle >= TO_INFREQUENT.toMillis()) {
				replay.move(object, infrequent(replay));
			}
		}
	}

	@Override
	public double monthlyFee(int object, Replay replay) {
		return (replay.trace().size(object) < MIN_TIERED_BYTES) ? 0 : MONITORING_PER_1000_OBJECTS_MONTH / 1000;
	}

	static int frequent(Replay replay) {
		return replay.endpoints().fastest(replay.settings().replicationFactor());
	}

	/** The fastest endpoint dropped, the next ones by latency. */
	static int infrequent(Replay replay) {
		Endpoints endpoints = replay.endpoints();
		int replicas = replay.settings().replicationFactor();
		if (endpoints.count() <= replicas) {
			return frequent(replay);
		}
		return endpoints.fastest(replicas + 1) & ~endpoints.fastest(1);
	}

	static int archive(Replay replay) {
		return replay.endpoints().cheapest(replay.settings().replicationFactor());
	}

}
