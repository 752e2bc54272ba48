package io.dim.api.migrate;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.Test;

import io.dim.model.migration.TaskKind;

/**
 * Tests for {@link Migrator#largestFirst}: a round starts its largest copies first, so it
 * does not end with one large copy running while the other workers idle; the failing
 * tasks of objects no longer catalogued come last.
 */
class LargestFirstTests {

	@Test
	void theLargestObjectsStartFirst() {
		List<ClaimedTask> claimed = List.of(task(1, 256_000), task(2, 32_000_000), task(3, -1), task(4, 1_000_000),
				task(5, 64_000_000));
		assertThat(Migrator.largestFirst(claimed)).extracting(ClaimedTask::id).containsExactly(5L, 2L, 4L, 1L, 3L);
		// The claimed list itself is left as claimed.
		assertThat(claimed).extracting(ClaimedTask::id).containsExactly(1L, 2L, 3L, 4L, 5L);
	}

	private static ClaimedTask task(long id, long size) {
		return new ClaimedTask(id, 1, TaskKind.COPY, "k" + id, "aws", "azure", 1, size, (size >= 0) ? "ab" : null);
	}

}
