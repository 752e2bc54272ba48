package io.dim.api.optimize;

import java.util.List;

import io.dim.model.placement.PlacementProblem;

/**
 * One object's placement problem with everything needed to explain it.
 *
 * @param facts the object
 * @param latencyBoundMs its tier's latency bound
 * @param boundSource which setting the bound comes from
 * @param predictedReads reads expected over the horizon
 * @param transferSource endpoint a copy would be read from (null without a source)
 * @param endpoints every configured endpoint with its terms
 * @param problem the eligible endpoints as the solver sees them
 * @param peakReads reads at the hot rate expected over the horizon, served within the SLA
 * ({@code problem.peakBoundMs()}); 0 when the problem has no peak
 */
public record ObjectProblem(ObjectFacts facts, double latencyBoundMs, String boundSource, double predictedReads,
		String transferSource, List<EndpointTerms> endpoints, PlacementProblem problem, double peakReads) {

}
