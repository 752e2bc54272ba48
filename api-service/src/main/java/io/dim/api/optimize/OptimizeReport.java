package io.dim.api.optimize;

/**
 * What a run over many objects did.
 *
 * @param evaluated objects evaluated
 * @param changed objects whose placement changes (a move)
 * @param degraded objects whose constraints could not all hold
 * @param jobsCreated migration jobs created
 * @param waitingForJobs moves not given a job because one is still in progress
 * @param monthlyCostBefore recurring monthly cost of the placements before
 * @param monthlyCostAfter recurring monthly cost of the placements decided
 * @param transferCost one-time cost of the copies the moves need
 * @param seconds how long the run took
 */
public record OptimizeReport(int evaluated, int changed, int degraded, int jobsCreated, int waitingForJobs,
		double monthlyCostBefore, double monthlyCostAfter, double transferCost, double seconds) {

}
