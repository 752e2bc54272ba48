/**
 * What-if replay: an access trace replayed in simulated time under Data-in-Motion's
 * policy (the real placement planner, with the forecaster trained on the trace's first
 * part) and under the baselines, with each policy's storage, egress, transfer and request
 * cost, its reads outside the SLA and its moves.
 */
package io.dim.ml.replay;
