package io.dim.api.optimize;

import java.util.List;

/**
 * The answer to optimizing one object.
 *
 * @param key object key
 * @param tier its tier
 * @param tierSource where the tier comes from
 * @param heat its heat
 * @param current endpoints holding a verified replica
 * @param endpoints endpoints decided
 * @param serving endpoint reads are served from
 * @param move whether replicas change
 * @param why the no-thrashing rule's reason
 * @param degraded whether a constraint had to be relaxed
 * @param degradedReason which and why
 * @param monthlyCostBefore recurring monthly cost now
 * @param monthlyCostAfter recurring monthly cost after the decision
 * @param transferCost one-time cost of the copies
 * @param decisionId the placement_decision row
 * @param jobId the migration job created, if any
 * @param waitingForJob the job in progress that this move waits for, if any
 */
public record ObjectDecision(String key, String tier, String tierSource, double heat, List<String> current,
		List<String> endpoints, String serving, boolean move, String why, boolean degraded, String degradedReason,
		double monthlyCostBefore, double monthlyCostAfter, double transferCost, long decisionId, Long jobId,
		Long waitingForJob) {

	static ObjectDecision of(Evaluation evaluation, DecisionWriter.Written written) {
		ObjectFacts facts = evaluation.problem().facts();
		return new ObjectDecision(facts.key(), facts.tier().label(), facts.tierSource(), facts.heat(),
				facts.current().stream().sorted().toList(),
				evaluation.placement().endpoints().stream().sorted().toList(), evaluation.placement().serving(),
				evaluation.move(), evaluation.decision().why(), evaluation.degraded(), evaluation.plan().reason(),
				evaluation.monthlyBefore(), evaluation.monthlyAfter(),
				evaluation.move() ? evaluation.placement().transferCost() : 0, written.decisionId(), written.jobId(),
				written.activeJob());
	}

}
