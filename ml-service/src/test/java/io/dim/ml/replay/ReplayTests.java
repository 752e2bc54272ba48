package io.dim.ml.replay;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

import io.dim.model.endpoint.LocalEndpoints;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The what-if replay on real traces: files read as CSV and JSON lines, every policy
 * replayed, Intelligent-Tiering's rules, and the command's errors.
 */
class ReplayTests {

	private static final long DAY = 86_400_000L;

	private static final long T0 = 1_767_571_200_000L;

	@TempDir
	static Path dir;

	private static Trace structured;

	@BeforeAll
	static void writeTrace() throws Exception {
		Path file = dir.resolve("structured.csv");
		TraceCommand.write(file, 120_000, 16, 120, 7, new PrintStream(new ByteArrayOutputStream()));
		structured = TraceReader.read(file, (lines) -> {
		});
	}

	@Test
	void readsCsvAndJsonLinesAlike() throws Exception {
		Path csv = dir.resolve("t.csv");
		Files.writeString(csv, """
				ts,key,op,bytes,size
				1767571200000,"a,b",read,100,1000
				2026-01-05T00:00:01Z,c,PUT,,2000
				1767571202000,"a,b",GET,,
				""");
		Path json = dir.resolve("t.jsonl");
		Files.writeString(json, """
				{"ts": 1767571200000, "key": "a,b", "op": "read", "bytes": 100, "size": 1000}
				{"ts": "2026-01-05T00:00:01Z", "key": "c", "op": "PUT", "size": 2000}
				{"ts": 1767571202000, "key": "a,b", "op": "GET"}
				""");
		for (Path file : List.of(csv, json)) {
			Trace trace = TraceReader.read(file, (lines) -> {
			});
			assertThat(trace.events()).isEqualTo(3);
			assertThat(trace.objectCount()).isEqualTo(2);
			assertThat(trace.key(0)).isEqualTo("a,b");
			assertThat(trace.bytes(0)).isEqualTo(100);
			assertThat(trace.isWrite(1)).isTrue();
			assertThat(trace.bytes(1)).as("bytes default to the size").isEqualTo(2000);
			assertThat(trace.time(1)).isEqualTo(1_767_571_201_000L);
			assertThat(trace.bytes(2)).isEqualTo(1000);
		}
	}

	@Test
	void aTraceThatEndsBeforeTheEvaluatedPeriodIsRefusedInsteadOfPricedAtZero() throws Exception {
		// Two seconds from 00:00: costs would count from 01:00, after the last event.
		Path csv = dir.resolve("seconds.csv");
		Files.writeString(csv, """
				ts,key,op,bytes,size
				1767571200000,a,read,100,1000
				1767571202000,a,read,100,1000
				""");
		Trace trace = TraceReader.read(csv, (lines) -> {
		});
		Replayer replayer = new Replayer(ReplaySettings.defaults(LocalEndpoints.defaults(), 2, 100));
		assertThatThrownBy(() -> replayer.replay(trace, List.of("all-fastest"), (line) -> {
		})).isInstanceOf(IllegalArgumentException.class)
			.hasMessageContaining("too short to compare the policies")
			.hasMessageContaining("from 2026-01-05T01:00:00Z");
		assertThat(run("replay", "--trace", csv.toString())).contains("too short to compare the policies");
	}

	@Test
	void badLinesNameTheirLineAndField() throws Exception {
		assertThat(error("ts,key,op,size\n1,a,read,10\nyesterday,a,read,10\n")).contains("line 3").contains("ts:");
		assertThat(error("ts,key,op,size\n1,a,delete,10\n")).contains("line 2").contains("op:");
		assertThat(error("ts,key,op,size\n1,a,read,\n")).contains("line 2").contains("size:");
		assertThat(error("ts,key,op,size\n5,a,read,10\n4,a,read,10\n")).contains("line 3").contains("time order");
		assertThat(error("ts,key,op,size\n1,a,read,-3\n")).contains("size:");
		assertThat(error("ts,key,size\n1,a,10\n")).contains("'op' column");
		assertThat(error("{\"ts\": 1, \"key\": \"a\", \"op\": \"read\", \"size\": 1}\n{nope\n")).contains("line 2")
			.contains("JSON");
		assertThat(error("ts,key,op,size\n")).contains("no events");
	}

	private static String error(String content) throws Exception {
		Path file = Files.createTempFile(dir, "bad", ".csv");
		Files.writeString(file, content);
		return assertThatThrownBy(() -> TraceReader.read(file, (lines) -> {
		})).isInstanceOf(IllegalArgumentException.class).actual().getMessage();
	}

	@Test
	void everyPolicyIsPricedOnTheSamePeriodAndTheFastestOnesKeepTheSla() {
		ReplaySettings settings = ReplaySettings.defaults(LocalEndpoints.defaults(), 2, 100);
		List<String> progress = new java.util.concurrent.CopyOnWriteArrayList<>();
		ReplayReport report = new Replayer(settings).replay(structured, Replayer.POLICIES, progress::add);
		// Four days of training: the forecaster learns peaks within the next day.
		assertThat(progress).anyMatch((line) -> line.contains("with a peak within a day"));
		Map<String, PolicyResult> results = byName(report);
		assertThat(results.keySet()).containsExactlyInAnyOrderElementsOf(Replayer.POLICIES);
		long reads = results.get("all-fastest").reads();
		for (PolicyResult result : report.results()) {
			assertThat(result.reads()).as("reads counted by " + result.policy()).isEqualTo(reads).isPositive();
			assertThat(result.totalCost()).isCloseTo(
					result.storageCost() + result.egressCost() + result.transferCost() + result.requestCost(),
					org.assertj.core.data.Offset.offset(1e-9));
			assertThat(result.storageCost()).isPositive();
		}
		assertThat(results.get("all-fastest").outsideSlaShare()).isZero();
		assertThat(results.get("replicate-all").outsideSlaShare()).isZero();
		assertThat(results.get("replicate-all").storageCost()).isGreaterThan(results.get("all-fastest").storageCost());
		assertThat(results.get("all-cheapest").storageCost()).isLessThan(results.get("all-fastest").storageCost());
		assertThat(results.get("all-fastest").moves()).isZero();
		assertThat(report.evaluatedFrom().toEpochMilli()).isGreaterThan(structured.start());
		assertThat(report.forecaster()).as("dim's forecaster").doesNotStartWith("none");
		assertThat(report.dimRelative()).containsKeys("all-fastest", "heat-bands");
		assertThat(report.cheapestWithinSla()).isNotNull();
		assertThat(report.table()).contains("intelligent-tiering").contains("dim/this");
		// dim's forecasts, checked against the weeks that followed them (not trained on).
		ForecastCheck check = report.forecastCheck();
		assertThat(check).isNotNull();
		assertThat(check.forecastOf()).isEqualTo("a peak within a day");
		long evaluatedHours = (structured.end() - report.evaluatedFrom().toEpochMilli()) / 3_600_000L;
		assertThat(check.forecasts()).isPositive().isLessThanOrEqualTo(structured.objectCount() * evaluatedHours);
		assertThat(check.cameTrue()).isPositive().isLessThan(check.forecasts());
		assertThat(check.rocAuc()).as("better than chance on unseen weeks").isGreaterThan(0.6);
		assertThat(check.heatBandsRocAuc()).isNotNull();
		assertThat(check.precision()).isBetween(0.0, 1.0);
		assertThat(progress).anyMatch((line) -> line.startsWith("dim: its forecasts on the evaluated period"));
	}

	@Test
	void theForecasterLearnsFromTheObjectHoursItIsAskedAbout() throws Exception {
		// The hourly pass forecasts for objects accessed within the last day only. Ten
		// idle objects per active one, written once at the start: they count for their
		// first day, not for every hour of the training part (on the benchmark's trace,
		// every object-hour made the forecaster reach the pre-warm threshold for 20% of
		// the peaks that followed, these for 85%: docs/BENCHMARKS.md).
		Path file = dir.resolve("with-idle-bulk.csv");
		TraceCommand.write(file, 40_000, 8, 60, 5, 600, 32L * 1024 * 1024,
				new PrintStream(new ByteArrayOutputStream()));
		Trace trace = TraceReader.read(file, (lines) -> {
		});
		List<String> progress = new java.util.concurrent.CopyOnWriteArrayList<>();
		ReplayReport report = new Replayer(ReplaySettings.defaults(LocalEndpoints.defaults(), 2, 100)).replay(trace,
				List.of("dim"), progress::add);
		long trainingHours = (report.evaluatedFrom().toEpochMilli() - trace.start()) / 3_600_000L;
		long rows = progress.stream()
			.map((line) -> java.util.regex.Pattern.compile("training the forecaster on (\\d+) object-hours")
				.matcher(line))
			.filter(java.util.regex.Matcher::find)
			.mapToLong((match) -> Long.parseLong(match.group(1)))
			.findFirst()
			.orElseThrow();
		long idleFirstDays = 600L * 24;
		assertThat(rows).isGreaterThan(idleFirstDays).isLessThan(idleFirstDays + 60 * trainingHours);
		assertThat(trainingHours).isGreaterThan(24);
	}

	@Test
	void aTraceTooShortForDaysOfPeaksTrainsTheForecasterOnTheNextHour() throws Exception {
		// 6 days: a day and a half of training, less than the four days peaks need.
		Path file = dir.resolve("six-days.csv");
		TraceCommand.write(file, 40_000, 6, 60, 5, new PrintStream(new ByteArrayOutputStream()));
		List<String> progress = new java.util.concurrent.CopyOnWriteArrayList<>();
		ReplayReport report = new Replayer(ReplaySettings.defaults(LocalEndpoints.defaults(), 2, 100))
			.replay(TraceReader.read(file, (lines) -> {
			}), List.of("dim"), progress::add);
		assertThat(report.forecaster()).doesNotStartWith("none");
		assertThat(progress).anyMatch((line) -> line.contains("hot within the hour"));
		assertThat(report.forecastCheck().forecastOf()).isEqualTo("hot within the hour");
	}

	@Test
	void aTighterSlaMakesTheCheapBaselineMissItAndTheOptimizerMoveHotObjects() {
		// Only aws (20 ms) is within 50 ms: a hot object read from azure or gcp misses.
		ReplaySettings settings = ReplaySettings.defaults(LocalEndpoints.defaults(), 2, 50);
		Map<String, PolicyResult> results = byName(
				new Replayer(settings).replay(structured, List.of("all-cheapest", "heat-bands", "dim"), (line) -> {
				}));
		assertThat(results.get("all-cheapest").outsideSlaShare()).isGreaterThan(0.05);
		assertThat(results.get("heat-bands").moves()).isPositive();
		assertThat(results.get("heat-bands").transferCost()).isPositive();
		assertThat(results.get("heat-bands").outsideSlaShare())
			.isLessThan(results.get("all-cheapest").outsideSlaShare());
		assertThat(results.get("dim").outsideSlaShare()).isLessThan(results.get("all-cheapest").outsideSlaShare());
		// dim places objects with a forecast peak for both kinds of reads (a replica
		// within the SLA, another for the reads between peaks) instead of moving them for
		// each peak and back after it, as the heat bands alone do.
		assertThat(results.get("dim").moves()).isLessThan(results.get("heat-bands").moves() / 2);
		assertThat(results.get("dim").totalCost()).isLessThan(results.get("heat-bands").totalCost());
		assertThat(results.get("dim").outsideSlaShare()).isLessThan(results.get("heat-bands").outsideSlaShare());
	}

	@Test
	void intelligentTieringFollowsItsPublishedRules() {
		// "big" (1 MB) idles 40 days: infrequent after 30, back to frequent on its next
		// access. "small" (64 KB) idles as long but is never tiered. "busy" keeps time
		// going.
		Trace.Builder builder = new Trace.Builder().add(T0, "big", false, -1, 1_000_000)
			.add(T0, "small", false, -1, 64 * 1024);
		for (long day = 0; day <= 45; day++) {
			builder.add(T0 + day * DAY + 1, "busy", false, -1, 10_000);
			if (day == 40) {
				builder.add(T0 + day * DAY + 2, "big", false, -1, -1).add(T0 + day * DAY + 2, "small", false, -1, -1);
			}
		}
		Trace trace = builder.build();
		ReplaySettings settings = ReplaySettings.defaults(LocalEndpoints.defaults(), 2, 100);
		PolicyResult result = new Replay(trace, settings, new IntelligentTiering(), trace.start()).run((done) -> {
		});
		// big: frequent -> infrequent (day 30), -> frequent (day 40); small and busy
		// stay.
		assertThat(result.moves()).isEqualTo(2);
		// {aws, azure} -> {azure, gcp} copies gcp; back copies aws.
		assertThat(result.copies()).isEqualTo(2);
		assertThat(result.transferCost()).isPositive();
		// Monitoring: big only, 0.0025 per 1,000 objects and month, over about 1.5
		// months.
		double monitoring = IntelligentTiering.MONITORING_PER_1000_OBJECTS_MONTH / 1000 * 45 / 30;
		assertThat(result.requestCost()).isGreaterThan(monitoring * 0.99);
	}

	@Test
	void aReadWithinTheCopyOnReadWaitCarriesTheCopyWithoutEgressOfItsOwn() {
		// One 10 MB object on gcp; at the second hour the policy moves it to aws. A read
		// 1 minute later carries the copy; without the wait the migrator copies it and
		// the
		// copy pays gcp's egress.
		long hour = 3_600_000L;
		Trace trace = new Trace.Builder().add(T0, "o", true, -1, 10_000_000)
			.add(T0 + hour + 60_000, "o", false, -1, -1)
			.add(T0 + 3 * hour, "o", false, -1, -1)
			.build();
		ReplaySettings settings = ReplaySettings.defaults(LocalEndpoints.defaults(), 1, 100);

		PolicyResult carried = replayMovingToAws(trace, settings);
		PolicyResult copied = replayMovingToAws(trace, settings.withCopyOnReadWait(java.time.Duration.ZERO));

		assertThat(carried.moves()).isEqualTo(1);
		assertThat(carried.copiesOnReads()).isEqualTo(1);
		assertThat(carried.transferCost()).isZero();
		assertThat(copied.moves()).isEqualTo(1);
		assertThat(copied.copiesOnReads()).isZero();
		assertThat(copied.transferCost()).isCloseTo(0.01 * 0.12, org.assertj.core.data.Offset.offset(1e-9));
		// The carrying read itself was served from gcp, the one after it from aws.
		double gcpRead = 0.01 * 0.12;
		double awsRead = 0.01 * 0.09;
		assertThat(carried.egressCost()).isCloseTo(gcpRead + awsRead, org.assertj.core.data.Offset.offset(1e-9));
	}

	@Test
	void aCopyNoReadCarriesIsMadeAfterTheWait() {
		long hour = 3_600_000L;
		Trace trace = new Trace.Builder().add(T0, "o", true, -1, 10_000_000)
			.add(T0 + 3 * hour, "o", false, -1, -1)
			.build();
		ReplaySettings settings = ReplaySettings.defaults(LocalEndpoints.defaults(), 1, 100);

		PolicyResult result = replayMovingToAws(trace, settings);

		assertThat(result.moves()).isEqualTo(1);
		assertThat(result.copiesOnReads()).isZero();
		assertThat(result.transferCost()).isCloseTo(0.01 * 0.12, org.assertj.core.data.Offset.offset(1e-9));
		assertThat(result.egressCost()).isCloseTo(0.01 * 0.09, org.assertj.core.data.Offset.offset(1e-9));
	}

	/** Starts the object on gcp and moves it to aws at the second hour. */
	private static PolicyResult replayMovingToAws(Trace trace, ReplaySettings settings) {
		ReplayPolicy policy = new ReplayPolicy() {

			@Override
			public String name() {
				return "test";
			}

			@Override
			public int initial(int object, Replay replay) {
				return 1 << replay.endpoints().indexOf("gcp");
			}

			@Override
			public void hourly(long time, Replay replay) {
				if (time == trace.start() + 3_600_000L) {
					replay.move(0, 1 << replay.endpoints().indexOf("aws"));
				}
			}

			@Override
			public boolean copiesOnReads() {
				return true;
			}

		};
		return new Replay(trace, settings, policy, trace.start()).run((done) -> {
		});
	}

	@Test
	void theCommandPrintsTheComparisonAndRefusesBadInputInOneLine() throws Exception {
		Path file = dir.resolve("cmd.csv");
		TraceCommand.write(file, 30_000, 4, 40, 3, new PrintStream(new ByteArrayOutputStream()));
		ByteArrayOutputStream out = new ByteArrayOutputStream();
		ByteArrayOutputStream err = new ByteArrayOutputStream();
		Path json = dir.resolve("report.json");
		int code = ReplayCommand.run(new String[] { "replay", "--trace", file.toString(), "--policy",
				"all-fastest,intelligent-tiering", "--json", json.toString() }, print(out), print(err));
		assertThat(code).as(err.toString()).isZero();
		assertThat(out.toString()).contains("all-fastest").contains("intelligent-tiering").contains("cheapest policy");
		assertThat(Files.readString(json)).contains("\"policy\" : \"intelligent-tiering\"");
		assertThat(run("replay", "--trace", file.toString(), "--policy", "cheapest")).contains("--policy: unknown");
		assertThat(run("replay")).contains("--trace is required");
		assertThat(run("replay", "--trace", file.toString(), "--sla-ms", "fast")).contains("--sla-ms");
		assertThat(run("replay", "--trace", dir.resolve("missing.csv").toString())).contains("no trace at");
		assertThat(run("write-trace", "--out", file.toString(), "--events", "0")).contains("--events");
		Path dormant = dir.resolve("dormant.csv");
		assertThat(
				TraceCommand.run(
						new String[] { "write-trace", "--out", dormant.toString(), "--events", "1000", "--days", "1",
								"--objects", "10", "--dormant", "5", "--dormant-max-mb", "32" },
						print(out), print(err)))
			.isZero();
		Trace withDormant = TraceReader.read(dormant, (lines) -> {
		});
		assertThat(withDormant.events()).isEqualTo(1005);
		assertThat(withDormant.key(0)).isEqualTo("dormant-0000000");
		assertThat(withDormant.isWrite(0)).isTrue();
		assertThat(withDormant.size(0)).isBetween(16L * 1024 * 1024, 32L * 1024 * 1024);
		// Too short to train on: dim runs on heat bands alone and the report says why.
		Path tiny = dir.resolve("tiny.csv");
		TraceCommand.write(tiny, 500, 1, 5, 3, new PrintStream(new ByteArrayOutputStream()));
		ReplayReport report = new Replayer(ReplaySettings.defaults(LocalEndpoints.defaults(), 2, 100))
			.replay(TraceReader.read(tiny, (lines) -> {
			}), List.of("dim"), (line) -> {
			});
		assertThat(report.forecaster()).startsWith("none: ").contains("hot-soon");
		assertThat(report.forecastCheck()).as("no forecaster, nothing to check").isNull();
		assertThat(report.results().get(0).reads()).isPositive();
	}

	private static String run(String... args) {
		ByteArrayOutputStream err = new ByteArrayOutputStream();
		int code = args[0].equals("replay") ? ReplayCommand.run(args, print(new ByteArrayOutputStream()), print(err))
				: TraceCommand.run(args, print(new ByteArrayOutputStream()), print(err));
		assertThat(code).isNotZero();
		assertThat(err.toString().strip().lines()).hasSize(1);
		return err.toString();
	}

	private static PrintStream print(ByteArrayOutputStream bytes) {
		return new PrintStream(bytes, true, StandardCharsets.UTF_8);
	}

	private static Map<String, PolicyResult> byName(ReplayReport report) {
		return report.results().stream().collect(Collectors.toMap(PolicyResult::policy, Function.identity()));
	}

}
