/**
 * Placement: the MILP over endpoints (cost against latency, replication and policy), its
 * closed form and the brute-force reference they are checked against, explicit
 * degradation and the no-thrashing move rule; and the optimizer's recorded decisions.
 * api-service's optimizer and ml-service's what-if replay both build on it.
 */
package io.dim.model.placement;
