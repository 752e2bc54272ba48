package io.dim.stream.s3events;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import io.dim.model.endpoint.DimUserAgent;
import io.dim.model.stream.AccessEvent;
import io.dim.model.stream.AccessOp;
import io.dim.model.stream.RejectedRecordException;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Turns S3 bucket notifications into access events. Reads both the JSON MinIO publishes
 * to Kafka ({"EventName", "Key", "Records": [...]}) and the AWS S3 event structure
 * ({"Records": [...]}, event names without the "s3:" prefix). {@code s3:ObjectAccessed:*}
 * becomes a READ and {@code s3:ObjectCreated:*} a WRITE; other events (removals, the AWS
 * test event) give nothing. Object keys arrive URL-encoded and are decoded. A record of
 * one of DIM's own requests (its User-Agent names DIM, see {@link DimUserAgent}, or its
 * principal is one DIM uses) is marked, for the adapter to leave out: DIM's copies,
 * scrubs and verified reads are not accesses, and the reads it serves it counts itself.
 */
final class S3NotificationParser {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private S3NotificationParser() {
	}

	/**
	 * An access event and the bucket it happened in.
	 *
	 * @param event the access event
	 * @param bucket the bucket's name as notified ("" when absent)
	 * @param byDim whether DIM itself made the request
	 */
	record Notified(AccessEvent event, String bucket, boolean byDim) {

		boolean created() {
			return this.event.op() == AccessOp.WRITE;
		}

	}

	static List<AccessEvent> parse(byte[] value) {
		return read(value).stream().map(Notified::event).toList();
	}

	static List<Notified> read(byte[] value) {
		return read(value, Set.of());
	}

	/**
	 * @param ownPrincipals the {@code userIdentity.principalId}s of DIM's own credentials
	 * (for AWS S3, whose events carry no User-Agent)
	 */
	static List<Notified> read(byte[] value, Set<String> ownPrincipals) {
		JsonNode root;
		try {
			root = JSON.readTree(value);
		}
		catch (JacksonException ex) {
			throw new RejectedRecordException("invalid JSON in S3 notification");
		}
		if (root == null || !root.isObject()) {
			throw new RejectedRecordException("invalid JSON in S3 notification: not an object");
		}
		JsonNode records = root.get("Records");
		if (records == null || records.isNull()) {
			if (root.has("Event") && root.path("Event").asString("").endsWith("TestEvent")) {
				return List.of();
			}
			throw new RejectedRecordException("missing Records in S3 notification");
		}
		List<Notified> events = new ArrayList<>();
		for (JsonNode record : records) {
			Notified event = toEvent(record, ownPrincipals);
			if (event != null) {
				events.add(event);
			}
		}
		return events;
	}

	private static Notified toEvent(JsonNode record, Set<String> ownPrincipals) {
		String name = record.path("eventName").asString("");
		String bare = name.startsWith("s3:") ? name.substring(3) : name;
		AccessOp op;
		if (bare.startsWith("ObjectAccessed:")) {
			op = AccessOp.READ;
		}
		else if (bare.startsWith("ObjectCreated:")) {
			op = AccessOp.WRITE;
		}
		else {
			return null;
		}
		JsonNode object = record.path("s3").path("object");
		String encodedKey = object.path("key").asString("");
		if (encodedKey.isEmpty()) {
			throw new RejectedRecordException("missing s3.object.key in S3 notification");
		}
		String key = URLDecoder.decode(encodedKey, StandardCharsets.UTF_8);
		Instant ts;
		try {
			ts = Instant.parse(record.path("eventTime").asString(""));
		}
		catch (DateTimeParseException ex) {
			throw new RejectedRecordException("missing or invalid eventTime in S3 notification");
		}
		long size = Math.max(0, object.path("size").asLong(0));
		String bucket = record.path("s3").path("bucket").path("name").asString("");
		String sequencer = object.path("sequencer").asString(ts.toString());
		String id = "s3:" + bucket + "/" + key + "@" + sequencer + ":" + bare;
		boolean byDim = DimUserAgent.isOwn(record.path("source").path("userAgent").asString(null))
				|| ownPrincipals.contains(record.path("userIdentity").path("principalId").asString(""));
		return new Notified(new AccessEvent(id, key, op, size, ts, "s3-notification"), bucket, byDim);
	}

}
