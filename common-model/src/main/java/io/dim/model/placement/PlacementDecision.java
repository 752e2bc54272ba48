package io.dim.model.placement;

import java.time.Instant;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/**
 * Where the optimizer decided an object should live, what it costs, and why (explanation
 * JSON).
 */
@Entity
@Table(name = "placement_decision")
public class PlacementDecision {

	@Id
	@GeneratedValue(strategy = GenerationType.IDENTITY)
	private Long id;

	@Column(name = "object_key", nullable = false)
	private String objectKey;

	@Column(name = "tier", nullable = false)
	private String tier;

	/** Chosen endpoint names, comma-separated in sorted order. */
	@Column(name = "endpoints", nullable = false)
	private String endpoints;

	@Column(name = "storage_cost", nullable = false)
	private double storageCost;

	@Column(name = "egress_cost", nullable = false)
	private double egressCost;

	@Column(name = "transfer_cost", nullable = false)
	private double transferCost;

	@Column(name = "total_cost", nullable = false)
	private double totalCost;

	@Column(name = "degraded", nullable = false)
	private boolean degraded;

	@Column(name = "reason")
	private String reason;

	@Column(name = "explanation", nullable = false)
	private String explanation;

	@Column(name = "decided_at", nullable = false)
	private Instant decidedAt;

	protected PlacementDecision() {
	}

	public PlacementDecision(String objectKey, String tier, String endpoints, double storageCost, double egressCost,
			double transferCost, boolean degraded, String reason, String explanation, Instant decidedAt) {
		this.objectKey = objectKey;
		this.tier = tier;
		this.endpoints = endpoints;
		this.storageCost = storageCost;
		this.egressCost = egressCost;
		this.transferCost = transferCost;
		this.totalCost = storageCost + egressCost + transferCost;
		this.degraded = degraded;
		this.reason = reason;
		this.explanation = explanation;
		this.decidedAt = decidedAt;
	}

	public Long getId() {
		return this.id;
	}

	public String getObjectKey() {
		return this.objectKey;
	}

	public String getTier() {
		return this.tier;
	}

	public String getEndpoints() {
		return this.endpoints;
	}

	public double getStorageCost() {
		return this.storageCost;
	}

	public double getEgressCost() {
		return this.egressCost;
	}

	public double getTransferCost() {
		return this.transferCost;
	}

	public double getTotalCost() {
		return this.totalCost;
	}

	public boolean isDegraded() {
		return this.degraded;
	}

	public String getReason() {
		return this.reason;
	}

	public String getExplanation() {
		return this.explanation;
	}

	public Instant getDecidedAt() {
		return this.decidedAt;
	}

}
