package io.dim.model.alert;

import java.time.Instant;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/**
 * An alert raised by a rule about a subject (an endpoint, an object, the queue), and its
 * history.
 */
@Entity
@Table(name = "alert")
public class Alert {

	@Id
	@GeneratedValue(strategy = GenerationType.IDENTITY)
	private Long id;

	@Column(name = "rule", nullable = false)
	private String rule;

	@Column(name = "subject", nullable = false)
	private String subject;

	@Column(name = "severity", nullable = false)
	private String severity;

	@Column(name = "state", nullable = false)
	private String state;

	@Column(name = "message")
	private String message;

	@Column(name = "opened_at", nullable = false)
	private Instant openedAt;

	@Column(name = "acked_at")
	private Instant ackedAt;

	@Column(name = "resolved_at")
	private Instant resolvedAt;

	protected Alert() {
	}

	public Alert(String rule, String subject, String severity, String message, Instant openedAt) {
		this.rule = rule;
		this.subject = subject;
		this.severity = severity;
		this.state = "OPEN";
		this.message = message;
		this.openedAt = openedAt;
	}

	public Long getId() {
		return this.id;
	}

	public String getRule() {
		return this.rule;
	}

	public String getSubject() {
		return this.subject;
	}

	public String getSeverity() {
		return this.severity;
	}

	public String getState() {
		return this.state;
	}

	public String getMessage() {
		return this.message;
	}

	public Instant getOpenedAt() {
		return this.openedAt;
	}

	public Instant getAckedAt() {
		return this.ackedAt;
	}

	public Instant getResolvedAt() {
		return this.resolvedAt;
	}

}
