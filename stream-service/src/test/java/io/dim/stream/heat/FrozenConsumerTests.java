package io.dim.stream.heat;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.dim.localstack.LocalStack;
import io.dim.model.stream.AccessEvent;
import io.dim.model.stream.AccessEventCodec;
import io.dim.model.stream.AccessOp;
import io.dim.model.stream.Topics;
import io.dim.model.testing.TestDatabases;
import io.dim.stream.StreamTestSupport;

/**
 * Two stream-service processes share the work on PostgreSQL; one freezes (SIGSTOP) in the
 * middle of writing a batch, stays frozen past Kafka's session timeout so that the other
 * takes its partitions and counts the same records, then thaws and finishes its write.
 * Every event must still be counted exactly once: the thawed instance's batch is refused
 * by the offset check ({@link BatchFencedException}). To freeze it mid-write for sure,
 * the test holds an exclusive lock on the heat and offset tables until both instances
 * wait on it.
 */
class FrozenConsumerTests {

	/** The heat consumer's group: its listener's id. */
	static final String GROUP = "heat-aggregator";

	static final int OBJECTS = 40;

	static final int EVENTS_BEFORE = 3_000;

	static final int EVENTS_DURING = 6_000;

	@TempDir
	Path tempDir;

	@Test
	void anInstanceFrozenMidBatchPastTheSessionTimeoutCountsNothingTwice() throws Exception {
		String url = TestDatabases.freshPostgresUrl();
		TestDatabases.migrate(url);
		List<String> keys = StreamTestSupport.registerObjects(url, OBJECTS);
		String application = "frozen-test-" + UUID.randomUUID().toString().substring(0, 8);
		String instanceUrl = url + "&ApplicationName=" + application;
		Map<String, long[]> expected = new HashMap<>();
		try (LocalStack stack = LocalStack.startOnFreePorts(this.tempDir.resolve("stack"), List.of());
				Admin admin = Admin.create(Map.of("bootstrap.servers", stack.kafkaBootstrap()))) {
			StreamTestSupport.createTopic(stack.kafkaBootstrap(), Topics.ACCESS, 6);
			Process frozen = startConsumer(instanceUrl, stack.kafkaBootstrap(), "frozen");
			Process other = startConsumer(instanceUrl, stack.kafkaBootstrap(), "other");
			try {
				// Both in the group with partitions of their own: a member still joining
				// would keep the group rebalancing while the other waits on the lock.
				await().atMost(Duration.ofSeconds(120)).until(() -> membersWithPartitions(admin) == 2);
				produce(stack.kafkaBootstrap(), keys, EVENTS_BEFORE, 1, expected);
				await().atMost(Duration.ofSeconds(60)).until(() -> storedOffsets(url) == EVENTS_BEFORE);

				try (Connection lock = DriverManager.getConnection(url)) {
					lock.setAutoCommit(false);
					try (Statement sql = lock.createStatement()) {
						sql.execute("LOCK TABLE file_heat, consumer_offset IN EXCLUSIVE MODE");
					}
					produce(stack.kafkaBootstrap(), keys, EVENTS_DURING, 2, expected);
					// Both instances hold a batch and wait for the lock to write it.
					try {
						await().atMost(Duration.ofSeconds(60)).until(() -> waitingOnLocks(url, application) >= 2);
					}
					catch (org.awaitility.core.ConditionTimeoutException ex) {
						throw new AssertionError("the two instances did not both wait on the lock: "
								+ sessions(url, application) + "\n" + logTails(), ex);
					}
					signal("STOP", frozen);
					// Kafka drops the frozen instance after the session timeout (10 s).
					await().atMost(Duration.ofSeconds(60)).until(() -> members(admin) == 1);
					lock.rollback();
				}
				// The other instance takes every partition and counts every event,
				// those of the frozen instance's batch included.
				await().atMost(Duration.ofSeconds(60)).until(() -> storedOffsets(url) == EVENTS_BEFORE + EVENTS_DURING);
				signal("CONT", frozen);
				File log = this.tempDir.resolve("consumer-frozen.log").toFile();
				await().atMost(Duration.ofSeconds(60))
					.until(() -> Files.readString(log.toPath()).contains("counted already by another instance"));
				await().atMost(Duration.ofSeconds(60)).until(() -> members(admin) == 2);
			}
			finally {
				signal("CONT", frozen);
				frozen.destroyForcibly().waitFor();
				other.destroyForcibly().waitFor();
			}
		}
		Map<String, String> expectedTotals = new HashMap<>();
		expected.forEach((key, counts) -> expectedTotals.put(key, counts[0] + "/" + counts[1]));
		assertThat(StreamTestSupport.heatTotals(url)).isEqualTo(expectedTotals);
		assertThat(StreamTestSupport.scalar(url, "SELECT SUM(reads) + SUM(writes) FROM access_bucket"))
			.isEqualTo(EVENTS_BEFORE + EVENTS_DURING);
		assertThat(storedOffsets(url)).isEqualTo(EVENTS_BEFORE + EVENTS_DURING);
	}

	private static long storedOffsets(String url) throws Exception {
		return StreamTestSupport.scalar(url, "SELECT COALESCE(SUM(next_offset), 0) FROM consumer_offset");
	}

	private static long waitingOnLocks(String url, String application) throws Exception {
		return StreamTestSupport.scalar(url, "SELECT COUNT(*) FROM pg_stat_activity WHERE application_name = '"
				+ application + "' AND wait_event_type = 'Lock'");
	}

	/** What the instances' database sessions are doing, for a failure's message. */
	private static String sessions(String url, String application) throws Exception {
		StringBuilder out = new StringBuilder();
		try (Connection connection = DriverManager.getConnection(url);
				Statement sql = connection.createStatement();
				java.sql.ResultSet rows = sql.executeQuery("SELECT pid, state, wait_event_type, wait_event, query "
						+ "FROM pg_stat_activity WHERE application_name = '" + application + "'")) {
			while (rows.next()) {
				out.append(rows.getInt(1))
					.append(' ')
					.append(rows.getString(2))
					.append(' ')
					.append(rows.getString(3))
					.append('/')
					.append(rows.getString(4))
					.append(": ")
					.append(rows.getString(5))
					.append('\n');
			}
		}
		return out.toString();
	}

	private String logTails() throws Exception {
		StringBuilder out = new StringBuilder();
		for (String name : List.of("frozen", "other")) {
			List<String> lines = Files.readAllLines(this.tempDir.resolve("consumer-" + name + ".log"));
			out.append("--- ").append(name).append(":\n");
			lines.subList(Math.max(0, lines.size() - 30), lines.size()).forEach((l) -> out.append(l).append('\n'));
		}
		return out.toString();
	}

	/** Members of a stable group that hold at least one partition. */
	private static long membersWithPartitions(Admin admin) throws Exception {
		try {
			var group = admin.describeConsumerGroups(List.of(GROUP)).all().get().get(GROUP);
			if (group.groupState() != org.apache.kafka.common.GroupState.STABLE) {
				return 0;
			}
			return group.members().stream().filter((m) -> !m.assignment().topicPartitions().isEmpty()).count();
		}
		catch (java.util.concurrent.ExecutionException ex) {
			return 0; // the group does not exist yet
		}
	}

	private static int members(Admin admin) throws Exception {
		try {
			return admin.describeConsumerGroups(List.of(GROUP)).all().get().get(GROUP).members().size();
		}
		catch (java.util.concurrent.ExecutionException ex) {
			return 0; // the group does not exist yet
		}
	}

	private static void signal(String signal, Process process) throws Exception {
		if (process.isAlive()) {
			new ProcessBuilder("kill", "-" + signal, String.valueOf(process.pid())).start().waitFor();
		}
	}

	private static void produce(String bootstrap, List<String> keys, int events, long seed,
			Map<String, long[]> expected) {
		Random random = new Random(seed);
		try (KafkaProducer<String, byte[]> producer = StreamTestSupport.producer(bootstrap)) {
			for (int i = 0; i < events; i++) {
				String key = keys.get(random.nextInt(keys.size()));
				AccessOp op = (random.nextInt(10) < 8) ? AccessOp.READ : AccessOp.WRITE;
				expected.computeIfAbsent(key, (k) -> new long[2])[(op == AccessOp.READ) ? 0 : 1]++;
				AccessEvent event = new AccessEvent(UUID.randomUUID().toString(), key, op, 100,
						Instant.now().minusSeconds(random.nextInt(7200)), "test");
				producer.send(new ProducerRecord<>(Topics.ACCESS, key, AccessEventCodec.toJson(event)));
			}
		}
	}

	private Process startConsumer(String url, String bootstrap, String name) throws Exception {
		return StreamTestSupport.startService(url, bootstrap, this.tempDir.resolve("consumer-" + name + ".log"),
				"--dim.stream.decay-interval=1h");
	}

}
