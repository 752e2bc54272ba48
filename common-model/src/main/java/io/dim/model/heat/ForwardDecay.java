package io.dim.model.heat;

import java.time.Duration;
import java.time.Instant;

/**
 * Exponentially decayed heat that does not depend on the order events arrive in (forward
 * decay, Cormode et al.). Each event at time t adds {@code 2^((t - L)/h)} to an object's
 * stored score, where L is a landmark time and h the half-life; the heat at time
 * {@code now} is {@code score * 2^(-(now - L)/h)}, i.e. every event counts 1 when it
 * happens and half as much one half-life later. Because scores only add up, an event may
 * arrive late, twice replayed after a crash (it is not: offsets prevent it) or out of
 * order without changing the result; and cooling all objects is one common factor.
 *
 * @param halfLife time for heat to halve
 * @param landmark the time scores are relative to (moved forward now and then so that
 * scores stay small, see {@link #rebaseFactor})
 */
public record ForwardDecay(Duration halfLife, Instant landmark) {

	public ForwardDecay {
		if (halfLife.isNegative() || halfLife.isZero()) {
			throw new IllegalArgumentException("half-life must be positive");
		}
	}

	/** What one event at {@code ts} adds to the score. */
	public double weight(Instant ts) {
		return Math.pow(2, halfLives(this.landmark, ts));
	}

	/** Turns a stored score into the heat at {@code now}. */
	public double heatAt(double score, Instant now) {
		return score * factor(now);
	}

	/** The common factor from score to heat at {@code now}. */
	public double factor(Instant now) {
		return Math.pow(2, -halfLives(this.landmark, now));
	}

	/** Multiplying every score by this moves the landmark to {@code newLandmark}. */
	public double rebaseFactor(Instant newLandmark) {
		return Math.pow(2, -halfLives(this.landmark, newLandmark));
	}

	private double halfLives(Instant from, Instant to) {
		return (to.toEpochMilli() - from.toEpochMilli()) / (double) this.halfLife.toMillis();
	}

}
