package io.dim.stream.heat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

import io.dim.model.db.WriteTransactions;
import io.dim.model.heat.ForwardDecay;
import io.dim.model.stream.HeatChanged;
import io.dim.stream.StreamProperties;

/**
 * Materializes cooled heat so that readers (sorting, tier filters, the dashboard) see
 * current values: {@code heat = heat_score * factor(now)} for every object, moves the
 * landmark forward when scores grow large, and publishes the tier changes cooling causes.
 * Safe beside the consumer: it takes the landmark's exclusive lock, and every statement
 * is one set-based update of stored scores.
 */
@Component
public class Decayer {

	private static final Logger log = LoggerFactory.getLogger(Decayer.class);

	/**
	 * Scores are rebased once the landmark is this many half-lives old (2^24 keeps far
	 * from overflow).
	 */
	private static final int REBASE_AFTER_HALF_LIVES = 24;

	private final JdbcTemplate jdbc;

	private final WriteTransactions transactions;

	private final HeatLandmark landmark;

	private final HeatWriter writer;

	private final HeatChangePublisher publisher;

	private final Duration halfLife;

	private final Clock clock = Clock.systemUTC();

	Decayer(JdbcTemplate jdbc, WriteTransactions transactions, HeatLandmark landmark, HeatWriter writer,
			HeatChangePublisher publisher, StreamProperties properties) {
		this.jdbc = jdbc;
		this.transactions = transactions;
		this.landmark = landmark;
		this.writer = writer;
		this.publisher = publisher;
		this.halfLife = properties.halfLife();
	}

	/** One pass; returns what it did. */
	public Result decayOnce() {
		Instant now = this.clock.instant();
		Result result = this.transactions.execute(() -> {
			ForwardDecay decay = this.landmark.readForUpdate(now);
			boolean rebased = false;
			if (Duration.between(decay.landmark(), now)
				.compareTo(this.halfLife.multipliedBy(REBASE_AFTER_HALF_LIVES)) > 0) {
				this.jdbc.update("UPDATE file_heat SET heat_score = heat_score * ?", decay.rebaseFactor(now));
				this.landmark.move(now);
				decay = new ForwardDecay(this.halfLife, now);
				rebased = true;
			}
			int rows = this.jdbc.update("UPDATE file_heat SET heat = heat_score * ?, heat_at = ?", decay.factor(now),
					now.toEpochMilli());
			List<String> warmOrHot = this.jdbc.queryForList("SELECT object_key FROM file_heat WHERE tier <> 'cold'",
					String.class);
			List<HeatChanged> changes = this.writer.updateTiers(new HashSet<>(warmOrHot), now);
			return new Result(rows, changes, rebased);
		});
		this.publisher.publish(result.changes());
		log.debug("Decayed {} objects, {} tier changes{}", result.objects(), result.changes().size(),
				result.rebased() ? ", landmark moved" : "");
		return result;
	}

	/**
	 * @param objects heat rows materialized
	 * @param changes tier changes caused by cooling
	 * @param rebased whether the landmark moved
	 */
	public record Result(int objects, List<HeatChanged> changes, boolean rebased) {

	}

}
