package io.dim.api.optimize;

import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

import io.dim.model.db.WriteTransactions;
import tools.jackson.databind.json.JsonMapper;

/**
 * Records decisions (placement_decision) and turns each move into a PENDING migration job
 * with one COPY task per new replica; the migrator adds the DELETE tasks once every copy
 * is verified. An object with a job still PENDING or RUNNING gets no second one: its move
 * waits for the next evaluation after that job ends.
 */
@Component
class DecisionWriter {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private final JdbcTemplate jdbc;

	private final WriteTransactions transactions;

	private final Clock clock = Clock.systemUTC();

	private final CopyWait copyWait;

	DecisionWriter(JdbcTemplate jdbc, WriteTransactions transactions, CopyWait copyWait) {
		this.jdbc = jdbc;
		this.transactions = transactions;
		this.copyWait = copyWait;
	}

	/** Writes the evaluations in one transaction; returns what was written for each. */
	List<Written> write(List<Evaluation> evaluations) {
		return this.transactions.execute(() -> {
			long now = this.clock.millis();
			List<Written> written = new ArrayList<>(evaluations.size());
			for (Evaluation evaluation : evaluations) {
				written.add(writeOne(evaluation, now));
			}
			return written;
		});
	}

	private Written writeOne(Evaluation evaluation, long now) {
		Long activeJob = null;
		Long jobId = null;
		Long readWaitUntil = null;
		if (evaluation.move()) {
			activeJob = activeJob(evaluation.key());
			if (activeJob == null) {
				readWaitUntil = this.copyWait.readWaitUntil(evaluation.problem().facts(), now);
				jobId = createJob(evaluation, now, readWaitUntil);
			}
		}
		var placement = evaluation.placement();
		long decisionId = this.jdbc.queryForObject("""
				INSERT INTO placement_decision (object_key, tier, endpoints, storage_cost, egress_cost,
				  transfer_cost, total_cost, degraded, reason, explanation, decided_at)
				VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id""", Long.class, evaluation.key(),
				evaluation.problem().facts().tier().label(), String.join(",", placement.endpoints()),
				placement.storageCost(), placement.egressCost(), placement.transferCost(), placement.totalCost(),
				evaluation.degraded(), evaluation.plan().reason(), summary(evaluation, jobId, activeJob, readWaitUntil),
				now);
		return new Written(decisionId, jobId, activeJob);
	}

	private Long activeJob(String key) {
		List<Long> ids = this.jdbc.queryForList(
				"SELECT id FROM migration_job WHERE object_key = ? AND state IN ('PENDING', 'RUNNING') ORDER BY id",
				Long.class, key);
		return ids.isEmpty() ? null : ids.get(0);
	}

	private long createJob(Evaluation evaluation, long now, Long readWaitUntil) {
		String targets = String.join(",", evaluation.placement().endpoints());
		long jobId = this.jdbc.queryForObject("""
				INSERT INTO migration_job (object_key, state, reason, target_endpoints, created_at, updated_at)
				VALUES (?, 'PENDING', ?, ?, ?, ?) RETURNING id""", Long.class, evaluation.key(),
				evaluation.decision().why(), targets, now, now);
		String source = evaluation.problem().transferSource();
		List<Object[]> copies = new ArrayList<>();
		for (String target : evaluation.copyTargets()) {
			copies.add(new Object[] { jobId, evaluation.key(), source, target, now, readWaitUntil, now, now });
		}
		this.jdbc.batchUpdate("""
				INSERT INTO migration_task (job_id, kind, object_key, source_endpoint, target_endpoint, state,
				  attempts, next_attempt_at, read_wait_until, created_at, updated_at)
				VALUES (?, 'COPY', ?, ?, ?, 'PENDING', 0, ?, ?, ?, ?)""", copies);
		return jobId;
	}

	/** The decision's explanation as stored: what it rests on, in brief. */
	private static String summary(Evaluation evaluation, Long jobId, Long activeJob, Long readWaitUntil) {
		ObjectProblem problem = evaluation.problem();
		Map<String, Object> summary = new LinkedHashMap<>();
		summary.put("why", evaluation.decision().why());
		summary.put("degradedReason", evaluation.plan().reason());
		summary.put("current", Set.copyOf(problem.facts().current()).stream().sorted().toList());
		summary.put("serving", evaluation.placement().serving());
		summary.put("heat", problem.facts().heat());
		summary.put("tierSource", problem.facts().tierSource());
		summary.put("latencyBoundMs", problem.latencyBoundMs());
		summary.put("predictedReads", problem.predictedReads());
		summary.put("monthlyCostBefore", evaluation.monthlyBefore());
		summary.put("monthlyCostAfter", evaluation.monthlyAfter());
		summary.put("jobId", jobId);
		// Until when the job's copies wait for a read to carry them (null: no wait).
		summary.put("copiesWaitForReadUntil", readWaitUntil);
		summary.put("waitingForJob", activeJob);
		return JSON.writeValueAsString(summary);
	}

	/**
	 * @param decisionId the placement_decision row
	 * @param jobId the migration job created, if any
	 * @param activeJob the job already in progress that kept this move from getting one
	 */
	record Written(long decisionId, Long jobId, Long activeJob) {

	}

}
