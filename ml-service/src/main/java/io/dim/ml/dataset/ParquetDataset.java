package io.dim.ml.dataset;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.apache.parquet.ParquetReadOptions;
import org.apache.parquet.conf.PlainParquetConfiguration;
import org.apache.parquet.example.data.Group;
import org.apache.parquet.example.data.simple.SimpleGroupFactory;
import org.apache.parquet.hadoop.ParquetFileReader;
import org.apache.parquet.hadoop.ParquetReader;
import org.apache.parquet.hadoop.api.ReadSupport;
import org.apache.parquet.hadoop.example.GroupReadSupport;
import org.apache.parquet.hadoop.ParquetWriter;
import org.apache.parquet.hadoop.example.ExampleParquetWriter;
import org.apache.parquet.hadoop.metadata.CompressionCodecName;
import org.apache.parquet.hadoop.metadata.FileMetaData;
import org.apache.parquet.io.LocalInputFile;
import org.apache.parquet.io.LocalOutputFile;
import org.apache.parquet.schema.MessageType;
import org.apache.parquet.schema.MessageTypeParser;

import io.dim.model.features.Features;

/**
 * Feature rows as a Parquet file, with Apache Parquet's own writer (no Hadoop file
 * system: local files and a plain configuration).
 */
public final class ParquetDataset {

	public static final MessageType SCHEMA = MessageTypeParser.parseMessageType("""
			message feature_row {
			  required binary key (STRING);
			  required int64 cutoff (TIMESTAMP(MILLIS,true));
			  required int64 size_bytes;
			  required double age_hours;
			  required double heat;
			  required int64 reads_1;
			  required int64 reads_6;
			  required int64 reads_24;
			  required int64 writes_24;
			  required double hours_since_access;
			  required double trend;
			  required int32 hour_of_day;
			  required int32 day_of_week;
			  required binary tier_now (STRING);
			  required int64 future_reads;
			  required binary label_tier (STRING);
			  required boolean hot_soon;
			}""");

	private ParquetDataset() {
	}

	/** Parquet's row reader over a local file, without Hadoop's file system. */
	private static final class GroupReader extends ParquetReader.Builder<Group> {

		GroupReader(LocalInputFile file) {
			super(file, new PlainParquetConfiguration());
		}

		@Override
		protected ReadSupport<Group> getReadSupport() {
			return new GroupReadSupport();
		}

	}

	/** Footer key: the label horizon in milliseconds (training keeps it as a gap). */
	public static final String HORIZON_MS = "dim.horizon_ms";

	/** Footer key: fixed or future. */
	public static final String LABEL_MODE = "dim.label_mode";

	/** Footer key: reads over the horizon that make a row hot_soon. */
	public static final String HOT_SOON_READS = "dim.hot_soon_reads";

	/**
	 * Writes the rows to {@code out} (replacing it), creating its folder; {@code about}
	 * goes into the footer's key-value metadata.
	 */
	public static void write(Path out, List<FeatureRow> rows, Map<String, String> about) throws IOException {
		Path absolute = out.toAbsolutePath();
		Files.createDirectories(absolute.getParent());
		Files.deleteIfExists(absolute);
		SimpleGroupFactory groups = new SimpleGroupFactory(SCHEMA);
		try (ParquetWriter<Group> writer = ExampleParquetWriter.builder(new LocalOutputFile(absolute))
			.withConf(new PlainParquetConfiguration())
			.withType(SCHEMA)
			.withExtraMetaData(about)
			// Compression codecs go through Hadoop's Configuration (and its XML stack),
			// which
			// this module leaves out; the snapshot is small, so it is written
			// uncompressed.
			.withCompressionCodec(CompressionCodecName.UNCOMPRESSED)
			.build()) {
			for (FeatureRow row : rows) {
				writer.write(groups.newGroup()
					.append("key", row.key())
					.append("cutoff", row.cutoff())
					.append("size_bytes", row.features().sizeBytes())
					.append("age_hours", row.features().ageHours())
					.append("heat", row.features().heat())
					.append("reads_1", row.features().reads1())
					.append("reads_6", row.features().reads6())
					.append("reads_24", row.features().reads24())
					.append("writes_24", row.features().writes24())
					.append("hours_since_access", row.features().hoursSinceAccess())
					.append("trend", row.features().trend())
					.append("hour_of_day", row.features().hourOfDay())
					.append("day_of_week", row.features().dayOfWeek())
					.append("tier_now", row.features().tierNow())
					.append("future_reads", row.futureReads())
					.append("label_tier", row.labelTier())
					.append("hot_soon", row.hotSoon()));
			}
		}
	}

	/** Reads every row back (the trainers' input). */
	public static List<FeatureRow> read(Path file) throws IOException {
		List<FeatureRow> rows = new java.util.ArrayList<>();
		try (ParquetReader<Group> reader = new GroupReader(new LocalInputFile(file.toAbsolutePath())).build()) {
			for (Group group = reader.read(); group != null; group = reader.read()) {
				rows.add(new FeatureRow(group.getString("key", 0), group.getLong("cutoff", 0),
						new Features(group.getLong("size_bytes", 0), group.getDouble("age_hours", 0),
								group.getDouble("heat", 0), group.getLong("reads_1", 0), group.getLong("reads_6", 0),
								group.getLong("reads_24", 0), group.getLong("writes_24", 0),
								group.getDouble("hours_since_access", 0), group.getDouble("trend", 0),
								group.getInteger("hour_of_day", 0), group.getInteger("day_of_week", 0),
								group.getString("tier_now", 0)),
						group.getLong("future_reads", 0), group.getString("label_tier", 0),
						group.getBoolean("hot_soon", 0)));
			}
		}
		return rows;
	}

	/** Rows recorded in a Parquet file's footer. */
	public static long rowCount(Path file) throws IOException {
		try (ParquetFileReader reader = ParquetFileReader.open(new LocalInputFile(file.toAbsolutePath()),
				ParquetReadOptions.builder(new PlainParquetConfiguration()).build())) {
			return reader.getRecordCount();
		}
	}

	/** The key-value metadata in a Parquet file's footer. */
	public static Map<String, String> about(Path file) throws IOException {
		return footer(file).getKeyValueMetaData();
	}

	/** The schema in a Parquet file's footer. */
	public static MessageType schema(Path file) throws IOException {
		return footer(file).getSchema();
	}

	private static FileMetaData footer(Path file) throws IOException {
		try (ParquetFileReader reader = ParquetFileReader.open(new LocalInputFile(file.toAbsolutePath()),
				ParquetReadOptions.builder(new PlainParquetConfiguration()).build())) {
			return reader.getFooter().getFileMetaData();
		}
	}

}
