package io.dim.stream.s3events;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.Test;

import io.dim.model.stream.AccessEvent;
import io.dim.model.stream.AccessOp;
import io.dim.model.stream.RejectedRecordException;

/**
 * Tests for {@link S3NotificationParser} with sample payloads in the formats MinIO
 * publishes to Kafka and AWS S3 sends (src/test/resources/s3-notifications).
 */
class S3NotificationParserTests {

	@Test
	void minioObjectAccessedIsARead() throws IOException {
		List<AccessEvent> events = S3NotificationParser.parse(sample("minio-object-accessed-get.json"));
		assertThat(events).singleElement().satisfies((event) -> {
			assertThat(event.key()).isEqualTo("key-005");
			assertThat(event.op()).isEqualTo(AccessOp.READ);
			assertThat(event.bytes()).isEqualTo(1005);
			assertThat(event.ts()).isEqualTo(Instant.parse("2026-11-24T10:15:30.123Z"));
			assertThat(event.source()).isEqualTo("s3-notification");
			assertThat(event.eventId()).isEqualTo("s3:dim-data/key-005@17F1E3B5B8D1A2B3:ObjectAccessed:Get");
		});
	}

	@Test
	void minioObjectCreatedIsAWriteWithTheKeyDecoded() throws IOException {
		assertThat(S3NotificationParser.parse(sample("minio-object-created-put.json"))).singleElement()
			.satisfies((event) -> {
				assertThat(event.key()).isEqualTo("reports/Q3 summary.csv");
				assertThat(event.op()).isEqualTo(AccessOp.WRITE);
				assertThat(event.bytes()).isEqualTo(4096);
			});
	}

	@Test
	void awsEventsWithoutThePrefixAndRemovalsIgnored() throws IOException {
		assertThat(S3NotificationParser.parse(sample("aws-object-created-put.json"))).singleElement()
			.satisfies((event) -> {
				assertThat(event.key()).isEqualTo("données/été 2026.csv");
				assertThat(event.op()).isEqualTo(AccessOp.WRITE);
				assertThat(event.bytes()).isEqualTo(2048);
			});
	}

	@Test
	void createdObjectsAreToldApartWithTheirBucket() throws IOException {
		assertThat(S3NotificationParser.read(sample("minio-object-created-put.json"))).singleElement()
			.satisfies((notified) -> {
				assertThat(notified.created()).isTrue();
				assertThat(notified.bucket()).isEqualTo("dim-data");
			});
		assertThat(S3NotificationParser.read(sample("aws-object-created-put.json")))
			.extracting(S3NotificationParser.Notified::kind)
			.containsExactly(S3NotificationParser.Kind.CREATED, S3NotificationParser.Kind.REMOVED);
		assertThat(S3NotificationParser.read(sample("minio-object-accessed-get.json")))
			.allSatisfy((notified) -> assertThat(notified.created()).isFalse());
	}

	@Test
	void dimsOwnRequestsAreMarkedByTheirUserAgentOrPrincipal() throws IOException {
		assertThat(S3NotificationParser.read(sample("minio-object-accessed-by-dim.json"))).singleElement()
			.satisfies((notified) -> {
				assertThat(notified.byDim()).isTrue();
				assertThat(notified.key()).isEqualTo("key-005");
			});
		// An application's reads with the same SDK, without DIM's marker, are accesses.
		assertThat(S3NotificationParser.read(sample("minio-object-accessed-get.json")))
			.allSatisfy((notified) -> assertThat(notified.byDim()).isFalse());
		// AWS S3 events carry no User-Agent: DIM's principals are configured.
		assertThat(S3NotificationParser.read(sample("aws-object-created-put.json"), Set.of("AWS:AIDAEXAMPLE")))
			.hasSize(2)
			.allSatisfy((notified) -> assertThat(notified.byDim()).isTrue());
		assertThat(S3NotificationParser.read(sample("aws-object-created-put.json"), Set.of("AWS:AIDAOTHER"))).hasSize(2)
			.allSatisfy((notified) -> assertThat(notified.byDim()).isFalse());
	}

	@Test
	void removalsAreToldApartAndAreNoAccess() throws IOException {
		assertThat(S3NotificationParser.read(sample("minio-object-removed-delete.json"))).singleElement()
			.satisfies((notified) -> {
				assertThat(notified.removed()).isTrue();
				assertThat(notified.key()).isEqualTo("reports/Q3 summary.csv");
				assertThat(notified.bucket()).isEqualTo("dim-data");
				assertThat(notified.eventId())
					.isEqualTo("s3:dim-data/reports/Q3 summary.csv@17F1E3B5C0000008:ObjectRemoved:Delete");
				assertThat(notified.access()).isNull();
				assertThat(notified.byDim()).isFalse();
			});
		assertThat(S3NotificationParser.parse(sample("minio-object-removed-delete.json"))).isEmpty();
		// The AWS sample's second record, without the "s3:" prefix and without a size.
		assertThat(S3NotificationParser.read(sample("aws-object-created-put.json")).get(1)).satisfies((notified) -> {
			assertThat(notified.removed()).isTrue();
			assertThat(notified.key()).isEqualTo("old.bin");
		});
	}

	@Test
	void theAwsTestEventGivesNothing() throws IOException {
		assertThat(S3NotificationParser.parse(sample("aws-test-event.json"))).isEmpty();
	}

	@Test
	void rejectsWhatIsNotANotification() {
		assertThatThrownBy(() -> S3NotificationParser.parse("nope".getBytes(StandardCharsets.UTF_8)))
			.isInstanceOf(RejectedRecordException.class)
			.hasMessageStartingWith("invalid JSON");
		assertThatThrownBy(() -> S3NotificationParser.parse("{\"x\":1}".getBytes(StandardCharsets.UTF_8)))
			.hasMessageStartingWith("missing Records");
		assertThatThrownBy(() -> S3NotificationParser
			.parse("{\"Records\":[{\"eventName\":\"s3:ObjectCreated:Put\",\"s3\":{\"object\":{\"key\":\"a\"}}}]}"
				.getBytes(StandardCharsets.UTF_8)))
			.hasMessageStartingWith("missing or invalid eventTime");
	}

	static byte[] sample(String name) throws IOException {
		try (InputStream in = S3NotificationParserTests.class.getResourceAsStream("/s3-notifications/" + name)) {
			return in.readAllBytes();
		}
	}

}
