package io.dim.ml.replay;

import java.util.NavigableMap;
import java.util.PriorityQueue;
import java.util.TreeMap;

import io.dim.model.heat.Tier;

/**
 * One policy's run over a trace in simulated time. Events are served from the placement
 * of the moment; moves land after the move delay; costs and SLA misses are counted from
 * the end of the training part on, for every policy alike.
 */
final class Replay {

	private static final long HOUR = 3_600_000L;

	private static final double MS_PER_MONTH = 30 * 24 * HOUR;

	private final Trace trace;

	private final ReplaySettings settings;

	private final Endpoints endpoints;

	private final ReplayPolicy policy;

	private final long countFrom;

	private final int[] placement;

	private final int[] pending;

	private final boolean[] exists;

	private final boolean[] waitingForRead;

	private final long[] createdAt;

	private final long[] lastAccess;

	private final double[] heat;

	private final long[] heatAt;

	private final Tier[] tier;

	private final NavigableMap<Long, long[]>[] buckets;

	private final PriorityQueue<long[]> landing = new PriorityQueue<>((a, b) -> Long.compare(a[0], b[0]));

	private long now;

	private double storageRate;

	private double feeRate;

	private double storage;

	private double egress;

	private double transfer;

	private double requests;

	private long reads;

	private long outsideSla;

	private long slowerThanSla;

	private long moves;

	private long copies;

	private long copiesOnReads;

	@SuppressWarnings("unchecked")
	Replay(Trace trace, ReplaySettings settings, ReplayPolicy policy, long countFrom) {
		this.trace = trace;
		this.settings = settings;
		this.endpoints = new Endpoints(settings.endpoints());
		this.policy = policy;
		this.countFrom = countFrom;
		int n = trace.objectCount();
		this.placement = new int[n];
		this.pending = new int[n];
		this.exists = new boolean[n];
		this.waitingForRead = new boolean[n];
		this.createdAt = new long[n];
		this.lastAccess = new long[n];
		this.heat = new double[n];
		this.heatAt = new long[n];
		this.tier = new Tier[n];
		this.buckets = new NavigableMap[n];
	}

	/** Runs the whole trace; {@code progress} gets the share done, about every 10%. */
	PolicyResult run(java.util.function.DoubleConsumer progress) {
		int events = this.trace.events();
		long nextHour = this.trace.start() / HOUR * HOUR;
		int step = Math.max(1, events / 10);
		for (int object = 0; object < this.trace.declaredObjects(); object++) {
			create(object, this.trace.start());
		}
		for (int e = 0; e < events; e++) {
			long time = this.trace.time(e);
			while (nextHour <= time) {
				advance(nextHour);
				this.policy.hourly(nextHour, this);
				nextHour += HOUR;
			}
			advance(time);
			access(e, time);
			if ((e + 1) % step == 0) {
				progress.accept((e + 1) / (double) events);
			}
		}
		return new PolicyResult(this.policy.name(), this.storage, this.egress, this.transfer, this.requests, this.reads,
				this.outsideSla, this.slowerThanSla, this.moves, this.copies, this.copiesOnReads);
	}

	private void access(int event, long time) {
		int object = this.trace.object(event);
		if (!this.exists[object]) {
			create(object, time);
		}
		double decayed = heat(object, time) + 1;
		this.heat[object] = decayed;
		this.heatAt[object] = time;
		Tier before = this.tier[object];
		this.tier[object] = this.settings.bands().next(before, decayed);
		this.lastAccess[object] = time;
		long hour = time / HOUR * HOUR;
		long[] bucket = this.buckets[object].computeIfAbsent(hour, (h) -> new long[2]);
		boolean counted = time >= this.countFrom;
		if (this.trace.isWrite(event)) {
			bucket[1]++;
			if (counted) {
				this.requests += this.settings.putPricePer1000() / 1000 * Integer.bitCount(this.placement[object]);
			}
		}
		else {
			bucket[0]++;
			if (counted) {
				read(object, this.trace.bytes(event));
			}
		}
		this.policy.afterAccess(object, time, this.tier[object] != before, this);
	}

	private void read(int object, long bytes) {
		double bound = this.settings.latencyBound(this.tier[object]);
		int serving = this.endpoints.serving(this.placement[object], bound);
		double latency = this.endpoints.get(serving).latencyMs();
		this.reads++;
		if (latency > bound) {
			this.outsideSla++;
		}
		if (latency > this.settings.slaLatencyMs()) {
			this.slowerThanSla++;
		}
		this.egress += bytes / 1e9 * this.endpoints.get(serving).egressCostPerGb();
		this.requests += this.settings.getPricePer1000() / 1000;
		if (this.waitingForRead[object]) {
			carry(object);
		}
	}

	/**
	 * The read carries the copy that waited for it (the product's copy on read): its
	 * bytes leave the serving replica once, for the reader and the new replica alike, so
	 * the copy costs its PUTs but no egress of its own.
	 */
	private void carry(int object) {
		int mask = this.pending[object];
		this.pending[object] = 0;
		this.waitingForRead[object] = false;
		int before = this.placement[object];
		land(object, mask, false);
		if (this.now >= this.countFrom) {
			int added = Integer.bitCount(mask & ~before);
			this.moves++;
			this.copies += added;
			this.copiesOnReads += added;
			this.requests += added * this.settings.putPricePer1000() / 1000;
		}
	}

	private void create(int object, long time) {
		this.exists[object] = true;
		this.createdAt[object] = time;
		this.lastAccess[object] = time;
		this.heatAt[object] = time;
		this.tier[object] = Tier.COLD;
		this.buckets[object] = new TreeMap<>();
		this.placement[object] = 0;
		land(object, this.policy.initial(object, this), false);
		this.feeRate += this.policy.monthlyFee(object, this) / MS_PER_MONTH;
	}

	/** Accrues storage and fees up to {@code time}, landing moves due by then. */
	private void advance(long time) {
		while (!this.landing.isEmpty() && this.landing.peek()[0] <= time) {
			long[] due = this.landing.poll();
			int object = (int) due[1];
			accrue(due[0]);
			if (this.pending[object] == (int) due[2]) {
				this.pending[object] = 0;
				this.waitingForRead[object] = false;
				land(object, (int) due[2], true);
			}
		}
		accrue(time);
	}

	private void accrue(long time) {
		long from = Math.max(this.now, this.countFrom);
		if (time > from) {
			this.storage += this.storageRate * (time - from);
			this.requests += this.feeRate * (time - from);
		}
		this.now = Math.max(this.now, time);
	}

	private void land(int object, int mask, boolean copy) {
		int before = this.placement[object];
		if (mask == before || mask == 0) {
			return;
		}
		double gb = this.trace.size(object) / 1e9;
		this.storageRate += gb * (this.endpoints.storagePrice(mask) - this.endpoints.storagePrice(before))
				/ MS_PER_MONTH;
		this.placement[object] = mask;
		if (!copy || this.now < this.countFrom) {
			return;
		}
		int added = mask & ~before;
		int source = this.endpoints.copySource(before);
		this.moves++;
		this.copies += Integer.bitCount(added);
		this.transfer += Integer.bitCount(added) * gb * this.endpoints.get(source).egressCostPerGb();
		this.requests += Integer.bitCount(added) * (this.settings.getPricePer1000() + this.settings.putPricePer1000())
				/ 1000;
	}

	/**
	 * Asks for {@code object} to move to {@code mask}; it lands after the move delay. A
	 * newer request replaces one not landed yet. For a policy of the product a move that
	 * copies an object small enough for one PUT first waits up to the copy-on-read wait
	 * for a read to carry it (as the product's migrator does).
	 */
	void move(int object, int mask) {
		if (mask == 0 || (this.pending[object] == 0 && mask == this.placement[object])
				|| mask == this.pending[object]) {
			return;
		}
		this.pending[object] = mask;
		long delay = this.settings.moveDelay().toMillis();
		this.waitingForRead[object] = this.policy.copiesOnReads() && (mask & ~this.placement[object]) != 0
				&& !this.settings.copyOnReadWait().isZero()
				&& this.trace.size(object) <= this.settings.copyOnReadMaxBytes();
		if (this.waitingForRead[object]) {
			delay += this.settings.copyOnReadWait().toMillis();
		}
		this.landing.add(new long[] { this.now + delay, object, mask });
	}

	Trace trace() {
		return this.trace;
	}

	ReplaySettings settings() {
		return this.settings;
	}

	Endpoints endpoints() {
		return this.endpoints;
	}

	/** Where costs and SLA misses start counting: the end of the training part. */
	long countFrom() {
		return this.countFrom;
	}

	boolean exists(int object) {
		return this.exists[object];
	}

	int placement(int object) {
		return this.placement[object];
	}

	boolean moving(int object) {
		return this.pending[object] != 0;
	}

	long createdAt(int object) {
		return this.createdAt[object];
	}

	long lastAccess(int object) {
		return this.lastAccess[object];
	}

	/** Heat at {@code time}: accesses decayed with the half-life. */
	double heat(int object, long time) {
		long age = Math.max(0, time - this.heatAt[object]);
		return this.heat[object] * Math.pow(2, -age / (double) this.settings.halfLife().toMillis());
	}

	/** The heat band, re-evaluated at {@code time} (it falls as heat decays). */
	Tier tier(int object, long time) {
		this.tier[object] = this.settings.bands().next(this.tier[object], heat(object, time));
		return this.tier[object];
	}

	/** Hourly buckets of reads and writes so far (bucket start to {reads, writes}). */
	NavigableMap<Long, long[]> buckets(int object) {
		return this.buckets[object];
	}

}
