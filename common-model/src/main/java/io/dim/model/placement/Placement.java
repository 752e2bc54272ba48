package io.dim.model.placement;

import java.util.Set;
import java.util.TreeSet;

/**
 * A chosen placement and its cost terms.
 *
 * @param endpoints the replicas' endpoints
 * @param serving the endpoint reads are served from
 * @param storageCost storage of all replicas over the horizon
 * @param egressCost egress of the serving replica over the horizon (and of the peak
 * reads' replica, when the problem expects peak reads)
 * @param transferCost one-time cost of the copies this placement needs
 * @param peakServing the endpoint that serves the peak reads ({@code serving} when the
 * problem expects none)
 */
public record Placement(Set<String> endpoints, String serving, double storageCost, double egressCost,
		double transferCost, String peakServing) {

	public Placement {
		// Sorted, so that joined names read the same everywhere (decisions, jobs).
		endpoints = java.util.Collections.unmodifiableSortedSet(new TreeSet<>(endpoints));
	}

	public Placement(Set<String> endpoints, String serving, double storageCost, double egressCost,
			double transferCost) {
		this(endpoints, serving, storageCost, egressCost, transferCost, serving);
	}

	public double totalCost() {
		return this.storageCost + this.egressCost + this.transferCost;
	}

}
