package io.dim.api.migrate;

import java.util.ArrayDeque;
import java.util.Deque;

/** Copies finished in the last five minutes, for the status page. */
public class Throughput {

	static final long WINDOW_MILLIS = 5 * 60_000L;

	private final Deque<long[]> copies = new ArrayDeque<>();

	synchronized void record(long bytes) {
		long now = System.currentTimeMillis();
		this.copies.addLast(new long[] { now, bytes });
		trim(now);
	}

	/** {copies, bytes} over the window. */
	public synchronized long[] recent() {
		trim(System.currentTimeMillis());
		long bytes = 0;
		for (long[] copy : this.copies) {
			bytes += copy[1];
		}
		return new long[] { this.copies.size(), bytes };
	}

	private void trim(long now) {
		while (!this.copies.isEmpty() && this.copies.peekFirst()[0] < now - WINDOW_MILLIS) {
			this.copies.removeFirst();
		}
	}

}
