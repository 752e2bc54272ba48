package io.dim.api.optimize;

import java.util.List;

import io.dim.model.placement.MilpModel;
import io.dim.model.placement.Placement;

/**
 * Why an object lives where it does, in full: {@code GET /explain/{key}}.
 *
 * @param key object key
 * @param sizeBytes its size
 * @param tier its tier and why
 * @param latencyBoundMs the serving replica's latency bound for that tier
 * @param latencyBoundSource the setting the bound comes from
 * @param predictedReads reads expected over the horizon
 * @param predictedReadsBasis how they were predicted
 * @param peak the expected peak's reads and bound, null when the problem has none
 * @param horizonDays the horizon costs are weighed over
 * @param enforceEncryption whether the encryption policy is on
 * @param replicationFactor replicas wanted
 * @param endpoints every endpoint: properties, eligibility (and why not), cost terms
 * @param current the current placement, priced
 * @param chosen the placement decided now
 * @param move whether deciding now would move the object
 * @param why the no-thrashing rule's reason
 * @param degraded whether a constraint had to be relaxed
 * @param degradedReason which and why
 * @param bindingConstraints the constraints that shape the answer, in words
 * @param runnerUp the best placement on other endpoints, if any
 * @param runnerUpExtraCost how much more the runner-up costs over the horizon
 * @param lastDecision the last recorded decision, if any
 * @param model the MILP as solved (debug)
 */
public record Explanation(String key, long sizeBytes, TierReason tier, double latencyBoundMs, String latencyBoundSource,
		double predictedReads, String predictedReadsBasis, Peak peak, double horizonDays, boolean enforceEncryption,
		int replicationFactor, List<EndpointTerms> endpoints, Option current, Option chosen, boolean move, String why,
		boolean degraded, String degradedReason, List<String> bindingConstraints, Option runnerUp,
		Double runnerUpExtraCost, LastDecision lastDecision, MilpModel model) {

	/**
	 * @param tier the tier
	 * @param source where it comes from
	 * @param heat the heat it rests on
	 * @param hotBand lowest heat of hot
	 * @param warmBand lowest heat of warm
	 * @param hysteresisMargin share a band edge must be passed by to change tier
	 * @param ml what ml-service said (null when it was not used)
	 * @param why in words
	 */
	public record TierReason(String tier, String source, double heat, double hotBand, double warmBand,
			double hysteresisMargin, TierAdvice ml, String why) {

	}

	/**
	 * Reads at the hot rate that need a replica within the SLA, besides the object's
	 * reads at its heat (served within {@code latencyBoundMs}).
	 *
	 * @param reads peak reads expected over the horizon
	 * @param latencyBoundMs the bound of their replica (SLA_LATENCY_MS)
	 * @param why in words
	 */
	public record Peak(double reads, double latencyBoundMs, String why) {

	}

	/**
	 * A placement with its cost over the horizon.
	 *
	 * @param endpoints replicas
	 * @param serving where reads are served from
	 * @param peakServing where the peak reads are served from (as {@code serving} without
	 * a peak)
	 * @param storageCost storage over the horizon
	 * @param egressCost egress over the horizon
	 * @param transferCost one-time copies
	 * @param totalCost the sum
	 */
	public record Option(List<String> endpoints, String serving, String peakServing, double storageCost,
			double egressCost, double transferCost, double totalCost) {

		static Option of(Placement placement) {
			return new Option(placement.endpoints().stream().sorted().toList(), placement.serving(),
					placement.peakServing(), placement.storageCost(), placement.egressCost(), placement.transferCost(),
					placement.totalCost());
		}

	}

	/**
	 * @param id row id
	 * @param endpoints endpoints decided then
	 * @param degraded whether it was degraded
	 * @param decidedAt when, epoch milliseconds
	 */
	public record LastDecision(long id, String endpoints, boolean degraded, long decidedAt) {

	}

}
