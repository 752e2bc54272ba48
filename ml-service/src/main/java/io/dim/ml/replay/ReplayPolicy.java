package io.dim.ml.replay;

/**
 * A placement policy under replay: where a new object goes, and where objects go after an
 * access and on the hourly pass. Placements are bit masks over {@link Endpoints}; a
 * policy asks for a move with {@link Replay#move}, which lands after the move delay.
 */
interface ReplayPolicy {

	String name();

	/** The placement of an object at its first event. */
	int initial(int object, Replay replay);

	/** After an access to {@code object}; {@code tierChanged}: its heat band changed. */
	default void afterAccess(int object, long time, boolean tierChanged, Replay replay) {
	}

	/** At the start of each simulated hour, before its events. */
	default void hourly(long time, Replay replay) {
	}

	/**
	 * Whether its copies wait for a read to carry them, as the product's migrator does
	 * (dim.migrator.copy-on-read-wait); the baselines copy at once.
	 */
	default boolean copiesOnReads() {
		return false;
	}

	/** A recurring fee per object and month (Intelligent-Tiering's monitoring). */
	default double monthlyFee(int object, Replay replay) {
		return 0;
	}

}
