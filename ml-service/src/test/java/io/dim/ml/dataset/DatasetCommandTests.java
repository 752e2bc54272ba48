package io.dim.ml.dataset;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.dim.model.testing.TestDatabases;

/**
 * {@code prepare-dataset} end to end on a SQLite database: the Parquet file it writes
 * (read back with Parquet's reader), its summary lines, and its one-line errors.
 */
class DatasetCommandTests {

	static final long HOUR = 3_600_000L;

	@TempDir
	Path dir;

	String url;

	final ByteArrayOutputStream out = new ByteArrayOutputStream();

	final ByteArrayOutputStream err = new ByteArrayOutputStream();

	PrintStream originalOut;

	PrintStream originalErr;

	@BeforeEach
	void database() {
		this.url = TestDatabases.sqliteUrl(this.dir);
		TestDatabases.migrate(this.url);
		this.originalOut = System.out;
		this.originalErr = System.err;
		System.setOut(new PrintStream(this.out, true, StandardCharsets.UTF_8));
		System.setErr(new PrintStream(this.err, true, StandardCharsets.UTF_8));
	}

	@AfterEach
	void restore() {
		System.setOut(this.originalOut);
		System.setErr(this.originalErr);
	}

	@Test
	void writesOneRowPerObjectAndCutoffAsParquetAndSummarizesTheLabels() throws Exception {
		long t0 = 1_764_000_000_000L - (1_764_000_000_000L % HOUR);
		try (Connection connection = DriverManager.getConnection(this.url);
				Statement sql = connection.createStatement()) {
			for (int o = 0; o < 3; o++) {
				sql.executeUpdate("INSERT INTO file_meta (object_key, size_bytes, content_type, sha256, created_at) "
						+ "VALUES ('obj-" + o + "', " + (1000 * (o + 1)) + ", 'text/plain', '" + "a".repeat(64) + "', "
						+ t0 + ")");
				for (int h = 0; h < 10; h++) {
					sql.executeUpdate("INSERT INTO access_bucket (object_key, bucket_start, reads, writes, bytes) "
							+ "VALUES ('obj-" + o + "', " + (t0 + h * HOUR) + ", " + (o * 20 * h) + ", 1, 0)");
				}
			}
		}
		Path file = this.dir.resolve("out/snapshot.parquet");
		int code = DatasetCommand.run(new String[] { "prepare-dataset", "--out", file.toString(), "--horizon", "2h",
				"--spring.datasource.url=" + this.url });
		assertThat(code).as(this.err.toString(StandardCharsets.UTF_8)).isZero();
		// 10 buckets; cutoffs after buckets 1..8 have 2 hours after them: 8 x 3 rows.
		assertThat(ParquetDataset.rowCount(file)).isEqualTo(24);
		assertThat(ParquetDataset.schema(file).getFields()).extracting((f) -> f.getName())
			.contains("key", "cutoff", "size_bytes", "heat", "reads_1", "reads_6", "reads_24", "writes_24",
					"hours_since_access", "trend", "hour_of_day", "day_of_week", "tier_now", "label_tier", "hot_soon");
		java.util.List<FeatureRow> read = ParquetDataset.read(file);
		assertThat(read).hasSize(24);
		FeatureRow busiest = read.stream()
			.filter((r) -> r.key().equals("obj-2") && r.cutoff() == t0 + 8 * HOUR)
			.findFirst()
			.orElseThrow();
		// obj-2 reads 40 x h in hour h: the last bucket before the cutoff is hour 7.
		assertThat(busiest.features().reads1()).isEqualTo(280);
		assertThat(busiest.features().reads6()).isEqualTo(40 * (2 + 3 + 4 + 5 + 6 + 7));
		assertThat(busiest.features().writes24()).isEqualTo(8);
		assertThat(busiest.futureReads()).isEqualTo(40 * (8 + 9));
		assertThat(busiest.features().sizeBytes()).isEqualTo(3000);
		assertThat(busiest.hotSoon()).isTrue();
		assertThat(busiest.labelTier()).isEqualTo("hot");
		String printed = this.out.toString(StandardCharsets.UTF_8);
		assertThat(printed).contains("24 rows (3 objects, 8 cutoffs)", "label_tier ", "hot_soon ", "hot ");

		// A peak within the horizon: obj-1 reads 20 x h, so from hour 1 (20 reads) an
		// hour
		// passes the 13.9 reads of one hour at the hot rate.
		int peak = DatasetCommand.run(new String[] { "prepare-dataset", "--out", file.toString(), "--horizon", "2h",
				"--hot-soon", "peak", "--spring.datasource.url=" + this.url });
		assertThat(peak).as(this.err.toString(StandardCharsets.UTF_8)).isZero();
		assertThat(ParquetDataset.read(file)).filteredOn((r) -> r.key().equals("obj-1"))
			.allSatisfy((r) -> assertThat(r.hotSoon()).isTrue());
		assertThat(this.out.toString(StandardCharsets.UTF_8))
			.contains("(threshold 13.9 reads in one PT1H bucket within PT2H)");
	}

	@Test
	void anEmptyHistoryIsOneClearLine() {
		int code = DatasetCommand.run(new String[] { "prepare-dataset", "--out",
				this.dir.resolve("x.parquet").toString(), "--spring.datasource.url=" + this.url });
		assertThat(code).isEqualTo(1);
		assertThat(this.err.toString(StandardCharsets.UTF_8).strip())
			.isEqualTo("prepare-dataset: no access history: run the simulator first");
	}

	@Test
	void badOptionsAreOneLineAndExitTwo() {
		assertThat(DatasetCommand.run(new String[] { "prepare-dataset", "--label-mode", "sometimes" })).isEqualTo(2);
		assertThat(DatasetCommand.run(new String[] { "prepare-dataset", "--horizon", "soon" })).isEqualTo(2);
		assertThat(DatasetCommand.run(new String[] { "prepare-dataset", "--colour", "red" })).isEqualTo(2);
		assertThat(DatasetCommand.run(new String[] { "prepare-dataset", "--hot-soon", "often" })).isEqualTo(2);
		assertThat(this.err.toString(StandardCharsets.UTF_8).lines().toList()).containsExactly(
				"prepare-dataset: --label-mode must be fixed or future (got 'sometimes')",
				"prepare-dataset: --horizon must be a duration such as 1h or 30m (got 'soon')",
				"prepare-dataset: unknown option --colour; " + DatasetCommand.USAGE,
				"prepare-dataset: --hot-soon must be total or peak (got 'often')");
	}

}
