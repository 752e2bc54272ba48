package io.dim.model.placement;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Choose {@code replicas} distinct endpoints among {@code candidates}, one of them the
 * serving replica within {@code latencyBoundMs}, at the least total cost.
 * <p>
 * An object expected to turn hot within the horizon (pre-warmed) also has peak reads:
 * they must be served within the stricter {@code peakBoundMs}, possibly by another
 * replica than the object's reads at its current tier. That is what lets an object that
 * is hot every morning and warm the rest of the day keep one replica for each kind of
 * read instead of moving twice a day. Without peak reads the bound is infinite and the
 * peak costs nothing, so any replica "serves" them.
 *
 * @param candidates eligible endpoints (healthy, allowed by the policy, with capacity)
 * @param replicas how many replicas to keep
 * @param latencyBoundMs the tier's latency bound for the serving replica
 * @param peakBoundMs the bound of the peak reads' replica (infinite when none expected)
 * @param forbidden a set of endpoints the answer must differ from (empty for none): how
 * the runner-up is found
 * @param exclusions why endpoints that are not candidates are not, where known (down,
 * ruled out by the encryption policy, full): how a decision says which constraint the
 * current placement breaks
 */
public record PlacementProblem(List<Candidate> candidates, int replicas, double latencyBoundMs, double peakBoundMs,
		Set<String> forbidden, Map<String, String> exclusions) {

	public PlacementProblem {
		candidates = List.copyOf(candidates);
		forbidden = Set.copyOf(new TreeSet<>(forbidden));
		exclusions = Map.copyOf(exclusions);
		if (replicas < 1) {
			throw new IllegalArgumentException("replicas must be at least 1");
		}
	}

	public PlacementProblem(List<Candidate> candidates, int replicas, double latencyBoundMs, double peakBoundMs,
			Set<String> forbidden) {
		this(candidates, replicas, latencyBoundMs, peakBoundMs, forbidden, Map.of());
	}

	public PlacementProblem(List<Candidate> candidates, int replicas, double latencyBoundMs) {
		this(candidates, replicas, latencyBoundMs, Double.POSITIVE_INFINITY, Set.of());
	}

	/** The same problem, knowing why the endpoints that are no candidates are not. */
	public PlacementProblem withExclusions(Map<String, String> why) {
		return new PlacementProblem(this.candidates, this.replicas, this.latencyBoundMs, this.peakBoundMs,
				this.forbidden, why);
	}

	/** Whether peak reads with their own bound are expected. */
	public boolean hasPeak() {
		return this.peakBoundMs != Double.POSITIVE_INFINITY;
	}

	/** The same problem with peak reads that must be served within {@code boundMs}. */
	public PlacementProblem withPeakBound(double boundMs) {
		return new PlacementProblem(this.candidates, this.replicas, this.latencyBoundMs, boundMs, this.forbidden,
				this.exclusions);
	}

	PlacementProblem withReplicas(int count) {
		return new PlacementProblem(this.candidates, count, this.latencyBoundMs, this.peakBoundMs, this.forbidden,
				this.exclusions);
	}

	public PlacementProblem withoutLatencyBound() {
		return new PlacementProblem(this.candidates, this.replicas, Double.POSITIVE_INFINITY, Double.POSITIVE_INFINITY,
				this.forbidden, this.exclusions);
	}

	/** The same problem, but the answer must not be exactly {@code endpoints}. */
	public PlacementProblem otherThan(Set<String> endpoints) {
		return new PlacementProblem(this.candidates, this.replicas, this.latencyBoundMs, this.peakBoundMs, endpoints,
				this.exclusions);
	}

}
