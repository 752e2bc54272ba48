package io.dim.stream;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * Test helpers: a catalogue in the database, topics, a producer, and reading counts back.
 */
public final class StreamTestSupport {

	private StreamTestSupport() {
	}

	/** Keys key-000 .. key-(n-1), registered in file_meta. */
	public static List<String> registerObjects(String url, int count) throws SQLException {
		List<String> keys = new ArrayList<>();
		try (Connection connection = DriverManager.getConnection(url);
				PreparedStatement insert = connection.prepareStatement("INSERT INTO file_meta (object_key, "
						+ "size_bytes, content_type, sha256, version_token, created_at) VALUES (?, ?, ?, ?, '', 0)")) {
			for (int i = 0; i < count; i++) {
				String key = String.format("key-%03d", i);
				insert.setString(1, key);
				insert.setLong(2, 1000L + i);
				insert.setString(3, "application/octet-stream");
				insert.setString(4, "0".repeat(64));
				insert.addBatch();
				keys.add(key);
			}
			insert.executeBatch();
		}
		return keys;
	}

	public static void createTopic(String bootstrap, String topic, int partitions) throws Exception {
		try (Admin admin = Admin.create(Map.of("bootstrap.servers", bootstrap))) {
			admin.createTopics(List.of(new NewTopic(topic, partitions, (short) 1))).all().get();
		}
	}

	public static KafkaProducer<String, byte[]> producer(String bootstrap) {
		Properties properties = new Properties();
		properties.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
		properties.put(ProducerConfig.ACKS_CONFIG, "all");
		properties.put(ProducerConfig.LINGER_MS_CONFIG, 5);
		return new KafkaProducer<>(properties, new StringSerializer(), new ByteArraySerializer());
	}

	/** reads_total and writes_total per key, as "reads/writes". */
	public static Map<String, String> heatTotals(String url) throws SQLException {
		Map<String, String> totals = new HashMap<>();
		try (Connection connection = DriverManager.getConnection(url);
				Statement sql = connection.createStatement();
				ResultSet rows = sql.executeQuery("SELECT object_key, reads_total, writes_total FROM file_heat")) {
			while (rows.next()) {
				totals.put(rows.getString(1), rows.getLong(2) + "/" + rows.getLong(3));
			}
		}
		return totals;
	}

	public static long scalar(String url, String query) throws SQLException {
		try (Connection connection = DriverManager.getConnection(url);
				Statement sql = connection.createStatement();
				ResultSet rows = sql.executeQuery(query)) {
			rows.next();
			return rows.getLong(1);
		}
	}

	/**
	 * Starts a real stream-service process (this test JVM's classpath) on a database and
	 * Kafka, with its output in {@code log}; extra arguments are appended.
	 */
	public static Process startService(String url, String bootstrap, java.nio.file.Path log, String... extra)
			throws java.io.IOException {
		List<String> command = new ArrayList<>(
				List.of(java.nio.file.Path.of(System.getProperty("java.home"), "bin", "java").toString(),
						"--enable-native-access=ALL-UNNAMED", "-Xmx512m", "-cp", System.getProperty("java.class.path"),
						StreamApplication.class.getName(), "--server.port=0", "--spring.datasource.url=" + url,
						"--dim.kafka-bootstrap=" + bootstrap, "--dim.db.schema-wait=PT60S", "--logging.level.root=WARN",
						"--dim.api-key=process-test-admin-key-01"));
		command.addAll(List.of(extra));
		return new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
	}

}
