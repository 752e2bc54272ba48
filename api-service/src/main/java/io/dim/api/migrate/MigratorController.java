package io.dim.api.migrate;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.mvc.method.annotation.StreamingResponseBody;

import io.dim.api.web.BadParameterException;
import io.dim.model.web.Ndjson;
import io.swagger.v3.oas.annotations.Operation;

/** The migrator's controls. */
@RestController
class MigratorController {

	private final Migrator migrator;

	private final MigratorQueries queries;

	private final TaskStore store;

	MigratorController(Migrator migrator, MigratorQueries queries, TaskStore store) {
		this.migrator = migrator;
		this.queries = queries;
		this.store = store;
	}

	@PostMapping("/migrator/tick")
	@Operation(summary = "One bounded round of the migrator; returns what it did")
	TickReport tick() {
		return this.migrator.tick();
	}

	@PostMapping(path = "/migrator/drain", produces = MediaType.APPLICATION_JSON_VALUE)
	@Operation(summary = "Ticks until the queue is empty or timeoutSeconds (1-3600, default 120) pass; "
			+ "ask for application/x-ndjson to get one progress line per round")
	DrainReport drain(@RequestParam(defaultValue = "120") int timeoutSeconds) {
		return drain(timeoutSeconds, (round) -> {
		});
	}

	@PostMapping(path = "/migrator/drain", produces = Ndjson.MEDIA_TYPE)
	ResponseEntity<StreamingResponseBody> drainWithProgress(@RequestParam(defaultValue = "120") int timeoutSeconds) {
		validate(timeoutSeconds);
		return Ndjson.stream((lines) -> {
			DrainReport report = drain(timeoutSeconds, (round) -> lines.write(Map.of("progress", round)));
			lines.write(Map.of("report", report));
		});
	}

	@GetMapping("/migrator/status")
	@Operation(summary = "Queue depth by state, oldest pending age, recent throughput, recent jobs, failed tasks")
	MigratorStatus status() {
		return this.queries.status();
	}

	@PostMapping("/migrator/clear-failed")
	@Operation(summary = "Clear Failed Tasks: removes only FAILED tasks and says how many")
	Map<String, Object> clearFailed() {
		Map<String, Object> result = new LinkedHashMap<>();
		result.put("removed", this.store.clearFailed());
		return result;
	}

	private DrainReport drain(int timeoutSeconds, java.util.function.Consumer<DrainReport.Round> progress) {
		validate(timeoutSeconds);
		long deadline = System.nanoTime() + Duration.ofSeconds(timeoutSeconds).toNanos();
		long started = System.nanoTime();
		int rounds = 0;
		int copied = 0;
		int deleted = 0;
		int failed = 0;
		long bytes = 0;
		long open = this.queries.open();
		while (open > 0 && System.nanoTime() < deadline) {
			TickReport tick = this.migrator.tick();
			rounds++;
			copied += tick.copied();
			deleted += tick.deleted();
			failed += tick.failed();
			bytes += tick.bytes();
			open = this.queries.open();
			progress.accept(new DrainReport.Round(rounds, tick, open));
			if (tick.claimed() == 0 && open > 0) {
				sleepQuietly(200); // only tasks waiting for their retry time: do not spin
			}
		}
		return new DrainReport(open == 0, rounds, copied, deleted, failed, bytes, open,
				(System.nanoTime() - started) / 1e9);
	}

	private static void validate(int timeoutSeconds) {
		if (timeoutSeconds < 1 || timeoutSeconds > 3600) {
			throw new BadParameterException("timeoutSeconds",
					"must be between 1 and 3600 (got " + timeoutSeconds + ")");
		}
	}

	private static void sleepQuietly(long millis) {
		try {
			Thread.sleep(millis);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

}
