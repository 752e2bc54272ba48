package io.dim.api.alert;

import java.util.function.LongSupplier;
import java.util.function.Supplier;

/**
 * Runs a check that reads the whole catalogue at most a given share of the time: after a
 * run that took {@code d}, the next is due {@code d / share} after that run started, and
 * until then the last result stands. A small catalogue's check takes milliseconds and
 * runs every round as before; the expensive-tier audit, about a second at 100,000 objects
 * and ten at a million, would otherwise keep a core busy at the default 15 s interval. A
 * check that throws is not remembered: it runs again next time.
 *
 * @param <T> what the check returns
 */
final class Paced<T> implements Supplier<T> {

	private final Supplier<T> check;

	private final double share;

	private final LongSupplier nanoTime;

	private T last;

	private long dueAt;

	private boolean ran;

	/**
	 * @param check the check
	 * @param share the most of the time it may run, in (0, 1]
	 * @param nanoTime the clock ({@code System::nanoTime}; a fake one in tests)
	 */
	Paced(Supplier<T> check, double share, LongSupplier nanoTime) {
		this.check = check;
		this.share = share;
		this.nanoTime = nanoTime;
	}

	/** The last result while the next run is not due, else a new one. */
	@Override
	public synchronized T get() {
		if (this.ran && this.nanoTime.getAsLong() - this.dueAt < 0) {
			return this.last;
		}
		return runNow();
	}

	/**
	 * Runs the check now, whether due or not (someone asked), and remembers the result.
	 */
	synchronized T runNow() {
		long started = this.nanoTime.getAsLong();
		T result = this.check.get();
		long took = this.nanoTime.getAsLong() - started;
		this.last = result;
		this.ran = true;
		this.dueAt = started + (long) (took / this.share);
		return result;
	}

}
