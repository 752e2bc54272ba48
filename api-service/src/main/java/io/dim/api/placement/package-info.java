/**
 * Placement: the MILP over endpoints (cost against latency, replication and policy), the
 * brute-force reference it is checked against, and explicit degradation. The optimizer
 * service, API and explanations build on it.
 */
package io.dim.api.placement;
