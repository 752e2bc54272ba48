package io.dim.model.file;

import java.time.Instant;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/** How hot an object is, and its lifetime access totals. */
@Entity
@Table(name = "file_heat")
public class FileHeat {

	@Id
	@Column(name = "object_key")
	private String objectKey;

	@Column(name = "heat", nullable = false)
	private double heat;

	@Column(name = "last_access_at")
	private Instant lastAccessAt;

	@Column(name = "reads_total", nullable = false)
	private long readsTotal;

	@Column(name = "writes_total", nullable = false)
	private long writesTotal;

	@Column(name = "bytes_total", nullable = false)
	private long bytesTotal;

	/** Sum of the events' forward-decay weights (see {@code ForwardDecay}). */
	@Column(name = "heat_score", nullable = false)
	private double heatScore;

	/** When {@link #heat} was materialized from the score. */
	@Column(name = "heat_at", nullable = false)
	private Instant heatAt;

	@Column(name = "tier", nullable = false)
	private String tier;

	protected FileHeat() {
	}

	public FileHeat(String objectKey, double heat, Instant lastAccessAt, long readsTotal, long writesTotal,
			long bytesTotal, String tier) {
		this.objectKey = objectKey;
		this.heat = heat;
		this.lastAccessAt = lastAccessAt;
		this.readsTotal = readsTotal;
		this.writesTotal = writesTotal;
		this.bytesTotal = bytesTotal;
		this.heatScore = heat;
		this.heatAt = (lastAccessAt != null) ? lastAccessAt : Instant.EPOCH;
		this.tier = tier;
	}

	public String getObjectKey() {
		return this.objectKey;
	}

	public double getHeat() {
		return this.heat;
	}

	public Instant getLastAccessAt() {
		return this.lastAccessAt;
	}

	public long getReadsTotal() {
		return this.readsTotal;
	}

	public long getWritesTotal() {
		return this.writesTotal;
	}

	public long getBytesTotal() {
		return this.bytesTotal;
	}

	public double getHeatScore() {
		return this.heatScore;
	}

	public Instant getHeatAt() {
		return this.heatAt;
	}

	public String getTier() {
		return this.tier;
	}

}
