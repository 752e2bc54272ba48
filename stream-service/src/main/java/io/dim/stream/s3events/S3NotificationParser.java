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
 * becomes a READ and {@code s3:ObjectCreated:*} a WRITE; {@code s3:ObjectRemoved:*} is a
 * removal, not an access; other events (the AWS test event, restores, replication) give
 * nothing. Object keys arrive URL-encoded and are decoded. A record of one of DIM's own
 * requests (its User-Agent names DIM, see {@link DimUserAgent}, or its principal is one
 * DIM uses) is marked, for the adapter to leave out: DIM's copies, scrubs and verified
 * reads are not accesses, and the reads it serves it counts itself.
 */
final class S3NotificationParser {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private S3NotificationParser() {
	}

	/** What a notification record said happened to an object. */
	enum Kind {

		ACCESSED, CREATED, REMOVED

	}

	/**
	 * One notification record: what happened to which object, in which bucket.
	 *
	 * @param kind what happened
	 * @param key the object's key (decoded)
	 * @param bucket the bucket's name as notified ("" when absent)
	 * @param eventId the record's id ({@code s3:bucket/key@sequencer:event})
	 * @param access the access it was: a READ (accessed) or a WRITE (created); null for a
	 * removal, which is not an access
	 * @param byDim whether DIM itself made the request
	 */
	record Notified(Kind kind, String key, String bucket, String eventId, AccessEvent access, boolean byDim) {

		boolean created() {
			return this.kind == Kind.CREATED;
		}

		boolean removed() {
			return this.kind == Kind.REMOVED;
		}

	}

	/** The access events of a notification (removals are not accesses). */
	static List<AccessEvent> parse(byte[] value) {
		return read(value).stream().filter((notified) -> !notified.removed()).map(Notified::access).toList();
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
		Kind kind;
		if (bare.startsWith("ObjectAccessed:")) {
			kind = Kind.ACCESSED;
		}
		else if (bare.startsWith("ObjectCreated:")) {
			kind = Kind.CREATED;
		}
		else if (bare.startsWith("ObjectRemoved:")) {
			kind = Kind.REMOVED;
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
		AccessEvent access = switch (kind) {
			case ACCESSED -> new AccessEvent(id, key, AccessOp.READ, size, ts, "s3-notification");
			case CREATED -> new AccessEvent(id, key, AccessOp.WRITE, size, ts, "s3-notification");
			case REMOVED -> null;
		};
		return new Notified(kind, key, bucket, id, access, byDim);
	}

}
