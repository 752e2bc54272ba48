package io.dim.api.alert;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class PacedTests {

	private static final long SECOND = 1_000_000_000L;

	private final AtomicLong clock = new AtomicLong();

	private final AtomicInteger runs = new AtomicInteger();

	/**
	 * A check that takes {@code seconds} on the fake clock and returns its run number.
	 */
	private Paced<Integer> taking(long seconds, double share) {
		return new Paced<>(() -> {
			this.clock.addAndGet(seconds * SECOND);
			return this.runs.incrementAndGet();
		}, share, this.clock::get);
	}

	@Test
	void aSlowCheckRunsAgainOnlyAfterItsShareOfTheTime() {
		Paced<Integer> paced = taking(1, 0.05); // due 20 s after each start

		assertThat(paced.get()).isEqualTo(1);
		this.clock.addAndGet(15 * SECOND); // 16 s after the start: the last result stands
		assertThat(paced.get()).isEqualTo(1);
		this.clock.addAndGet(3 * SECOND); // 19 s
		assertThat(paced.get()).isEqualTo(1);
		this.clock.addAndGet(1 * SECOND); // 20 s: due
		assertThat(paced.get()).isEqualTo(2);
		assertThat(this.runs).hasValue(2);
	}

	@Test
	void runNowRunsBeforeItIsDueAndSetsTheNextDueTime() {
		Paced<Integer> paced = taking(1, 0.05);

		assertThat(paced.get()).isEqualTo(1);
		this.clock.addAndGet(2 * SECOND); // at 3 s, not due until 20 s
		assertThat(paced.runNow()).isEqualTo(2); // asked for: not paced; due at 23 s now
		this.clock.addAndGet(18 * SECOND); // 22 s
		assertThat(paced.get()).isEqualTo(2);
		this.clock.addAndGet(1 * SECOND); // 23 s
		assertThat(paced.get()).isEqualTo(3);
	}

	@Test
	void theShareIsASettingCheckedAtStart() {
		assertThatThrownBy(() -> new AlertProperties(true, Duration.ofSeconds(15), Duration.ofMinutes(5), 20, 0.3, 0, 3,
				5, 100, Duration.ofMinutes(10), Duration.ofHours(1), Duration.ofSeconds(3)))
			.hasMessageContaining("dim.alerts.audit-share");
	}

	@Test
	void aFastCheckRunsEveryTime() {
		Paced<Integer> paced = taking(0, 0.05);

		for (int round = 1; round <= 5; round++) {
			this.clock.addAndGet(15 * SECOND);
			assertThat(paced.get()).isEqualTo(round);
		}
	}

	@Test
	void aFailedCheckIsNotRememberedAndRunsAgain() {
		AtomicInteger calls = new AtomicInteger();
		Paced<String> paced = new Paced<>(() -> {
			this.clock.addAndGet(SECOND);
			if (calls.incrementAndGet() == 1) {
				throw new IllegalStateException("database busy");
			}
			return "ok";
		}, 0.05, this.clock::get);

		assertThatThrownBy(paced::get).hasMessage("database busy");
		assertThat(paced.get()).isEqualTo("ok");
		assertThat(calls).hasValue(2);
	}

}
