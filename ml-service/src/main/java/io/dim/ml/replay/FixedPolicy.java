package io.dim.ml.replay;

import java.util.function.ToIntFunction;

/**
 * A baseline that never moves anything: every object on the same endpoints from the start
 * (all-fastest, all-cheapest, replicate-all).
 */
final class FixedPolicy implements ReplayPolicy {

	private final String name;

	private final ToIntFunction<Replay> placement;

	private FixedPolicy(String name, ToIntFunction<Replay> placement) {
		this.name = name;
		this.placement = placement;
	}

	/** The replication factor's worth of the lowest-latency endpoints. */
	static FixedPolicy allFastest() {
		return new FixedPolicy("all-fastest",
				(replay) -> replay.endpoints().fastest(replay.settings().replicationFactor()));
	}

	/** The replication factor's worth of the cheapest endpoints to store on. */
	static FixedPolicy allCheapest() {
		return new FixedPolicy("all-cheapest",
				(replay) -> replay.endpoints().cheapest(replay.settings().replicationFactor()));
	}

	/** A replica on every endpoint. */
	static FixedPolicy replicateAll() {
		return new FixedPolicy("replicate-all", (replay) -> replay.endpoints().all());
	}

	@Override
	public String name() {
		return this.name;
	}

	@Override
	public int initial(int object, Replay replay) {
		return this.placement.applyAsInt(replay);
	}

}
