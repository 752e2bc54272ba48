package io.dim.stream.heat;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.jdbc.datasource.DriverManagerDataSource;
import org.springframework.mock.env.MockEnvironment;

import io.dim.model.db.DatabaseVendor;
import io.dim.model.db.WriteTransactions;
import io.dim.model.heat.HeatBands;
import io.dim.model.stream.AccessEvent;
import io.dim.model.stream.AccessOp;
import io.dim.model.stream.Topics;
import io.dim.model.testing.TestDatabases;
import io.dim.model.testing.TestDatabases.Vendor;
import io.dim.stream.StreamProperties;
import io.dim.stream.StreamTestSupport;

/**
 * The offset check of {@link HeatWriter}: a batch that starts behind a partition's stored
 * next offset (another instance counted part of it after a rebalance) is refused and
 * writes nothing; a batch that starts past it (offsets skipped by transaction markers) is
 * written.
 */
class BatchFencingTests {

	static final TopicPartition P0 = new TopicPartition(Topics.ACCESS, 0);

	static final TopicPartition P1 = new TopicPartition(Topics.ACCESS, 1);

	@TempDir
	Path tempDir;

	@ParameterizedTest
	@EnumSource(Vendor.class)
	void aBatchPartlyCountedByAnotherInstanceIsRefusedWhole(Vendor vendor) throws Exception {
		String url = vendor.freshUrl(this.tempDir);
		TestDatabases.migrate(url);
		String key = StreamTestSupport.registerObjects(url, 1).get(0);
		HeatWriter writer = writer(url);
		JdbcTemplate jdbc = new JdbcTemplate(new DriverManagerDataSource(url));

		writer.write((decay) -> batch(decay, key, P0, 0, 10), Instant.now());
		assertThat(reads(jdbc, key)).isEqualTo(10);

		// A zombie's batch: offsets 5-14 of partition 0, of which 5-9 are counted
		// already,
		// and 4 records of partition 1.
		assertThatThrownBy(() -> writer.write((decay) -> {
			BatchAggregate batch = batch(decay, key, P0, 5, 10);
			add(batch, decay, key, P1, 0, 4);
			return batch;
		}, Instant.now())).isInstanceOfSatisfying(BatchFencedException.class, (ex) -> {
			assertThat(ex.getMessage()).contains("dim.access-0 from 5 (stored next offset 10)")
				.doesNotContain("dim.access-1");
			assertThat(ex.storedOffsets()).isEqualTo(Map.of(P0, 10L, P1, 0L));
		});
		assertThat(reads(jdbc, key)).isEqualTo(10);
		assertThat(writer.storedOffsets(Topics.ACCESS)).isEqualTo(Map.of(0, 10L));

		// Offsets 10 and 11 were transaction markers: a batch from 12 is the next one.
		writer.write((decay) -> batch(decay, key, P0, 12, 3), Instant.now());
		assertThat(reads(jdbc, key)).isEqualTo(13);
		assertThat(writer.storedOffsets(Topics.ACCESS)).isEqualTo(Map.of(0, 15L));
	}

	private static long reads(JdbcTemplate jdbc, String key) {
		return jdbc.queryForObject("SELECT reads_total FROM file_heat WHERE object_key = ?", Long.class, key);
	}

	private static BatchAggregate batch(io.dim.model.heat.ForwardDecay decay, String key, TopicPartition partition,
			long from, int count) {
		BatchAggregate batch = new BatchAggregate(Duration.ofHours(1));
		add(batch, decay, key, partition, from, count);
		return batch;
	}

	private static void add(BatchAggregate batch, io.dim.model.heat.ForwardDecay decay, String key,
			TopicPartition partition, long from, int count) {
		for (long offset = from; offset < from + count; offset++) {
			batch.add(new AccessEvent(UUID.randomUUID().toString(), key, AccessOp.READ, 1, Instant.now(), "test"),
					decay);
			batch.consumed(partition, offset);
		}
	}

	private static HeatWriter writer(String url) {
		DriverManagerDataSource dataSource = new DriverManagerDataSource(url);
		JdbcTemplate jdbc = new JdbcTemplate(dataSource);
		DatabaseVendor vendor = DatabaseVendor.of(url);
		MockEnvironment env = new MockEnvironment().withProperty("dim.db.vendor", vendor.name());
		StreamProperties properties = new StreamProperties(6, Duration.ofHours(1), Duration.ofHours(1),
				Duration.ofMinutes(5), Duration.ofSeconds(10), 50, Topics.S3_EVENTS, true, Duration.ofSeconds(60),
				Duration.ofSeconds(60), Duration.ofMinutes(1));
		WriteTransactions transactions = new WriteTransactions(new DataSourceTransactionManager(dataSource), jdbc,
				vendor);
		return new HeatWriter(jdbc, transactions, new HeatLandmark(jdbc, properties, env), new HeatBands(20, 2, 0.1),
				new HeatChangePublisher(null, jdbc, new io.micrometer.core.instrument.simple.SimpleMeterRegistry()),
				env);
	}

}
