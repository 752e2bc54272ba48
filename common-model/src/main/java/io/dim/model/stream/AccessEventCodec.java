package io.dim.model.stream;

import java.time.Duration;
import java.time.Instant;
import java.util.Locale;

import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.ObjectWriter;
import tools.jackson.databind.json.JsonMapper;

/**
 * Writes access events as JSON and reads them back strictly: anything that is not a
 * usable event is rejected with a short reason, which becomes the dead-letter header.
 * Timestamps travel as epoch milliseconds.
 */
public final class AccessEventCodec {

	private static final JsonMapper JSON = JsonMapper.builder()
		.disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
		.build();

	private static final ObjectWriter WRITER = JSON.writerFor(Wire.class);

	private final Duration maxFutureSkew;

	/**
	 * @param maxFutureSkew how far in the future a timestamp may be before it is rejected
	 */
	public AccessEventCodec(Duration maxFutureSkew) {
		this.maxFutureSkew = maxFutureSkew;
	}

	public static byte[] toJson(AccessEvent event) {
		return WRITER.writeValueAsBytes(new Wire(event.eventId(), event.key(), event.op().name(), event.bytes(),
				event.ts().toEpochMilli(), event.source()));
	}

	/**
	 * Parses one record value with Jackson's streaming parser (this is the consumer's hot
	 * path: no data binding, unknown fields skipped).
	 * @throws RejectedRecordException with the reason when the record is not a usable
	 * event
	 */
	public AccessEvent parse(byte[] value, Instant now) {
		if (value == null || value.length == 0) {
			throw new RejectedRecordException("empty record");
		}
		Wire wire;
		try (JsonParser parser = JSON.createParser(value)) {
			wire = read(parser);
		}
		catch (JacksonException ex) {
			throw new RejectedRecordException("invalid JSON: " + firstLine(ex.getOriginalMessage()));
		}
		if (wire.key() == null || wire.key().isBlank()) {
			throw new RejectedRecordException("missing key");
		}
		if (wire.key().length() > 1024) {
			throw new RejectedRecordException("key longer than 1024 characters");
		}
		AccessOp op = op(wire.op());
		if (wire.bytes() == null || wire.bytes() < 0) {
			throw new RejectedRecordException((wire.bytes() == null) ? "missing bytes" : "negative bytes");
		}
		if (wire.ts() == null) {
			throw new RejectedRecordException("missing ts");
		}
		Instant ts = Instant.ofEpochMilli(wire.ts());
		if (ts.isAfter(now.plus(this.maxFutureSkew))) {
			throw new RejectedRecordException("ts in the future: " + ts);
		}
		return new AccessEvent((wire.eventId() != null) ? wire.eventId() : "", wire.key(), op, wire.bytes(), ts,
				(wire.source() != null) ? wire.source() : "unknown");
	}

	private static Wire read(JsonParser parser) {
		if (parser.nextToken() != JsonToken.START_OBJECT) {
			throw new RejectedRecordException("invalid JSON: not an object");
		}
		String eventId = null;
		String key = null;
		String op = null;
		Long bytes = null;
		Long ts = null;
		String source = null;
		while (parser.nextToken() == JsonToken.PROPERTY_NAME) {
			String field = parser.currentName();
			JsonToken token = parser.nextToken();
			switch (field) {
				case "eventId" -> eventId = text(parser, token, field);
				case "key" -> key = text(parser, token, field);
				case "op" -> op = text(parser, token, field);
				case "source" -> source = text(parser, token, field);
				case "bytes" -> bytes = number(parser, token, field);
				case "ts" -> ts = number(parser, token, field);
				default -> parser.skipChildren();
			}
		}
		if (parser.currentToken() != JsonToken.END_OBJECT) {
			throw new RejectedRecordException("invalid JSON: unterminated object");
		}
		return new Wire(eventId, key, op, bytes, ts, source);
	}

	private static String text(JsonParser parser, JsonToken token, String field) {
		if (token == JsonToken.VALUE_NULL) {
			return null;
		}
		if (token != JsonToken.VALUE_STRING) {
			throw new RejectedRecordException("invalid JSON: " + field + " must be a string");
		}
		return parser.getString();
	}

	private static Long number(JsonParser parser, JsonToken token, String field) {
		if (token == JsonToken.VALUE_NULL) {
			return null;
		}
		if (token != JsonToken.VALUE_NUMBER_INT) {
			throw new RejectedRecordException("invalid JSON: " + field + " must be a whole number");
		}
		return parser.getLongValue();
	}

	private static AccessOp op(String op) {
		if (op == null) {
			throw new RejectedRecordException("missing op");
		}
		try {
			return AccessOp.valueOf(op.toUpperCase(Locale.ROOT));
		}
		catch (IllegalArgumentException ex) {
			throw new RejectedRecordException("unknown op '" + op + "' (READ or WRITE)");
		}
	}

	private static String firstLine(String message) {
		if (message == null) {
			return "unreadable";
		}
		int newline = message.indexOf('\n');
		String line = (newline < 0) ? message : message.substring(0, newline);
		return (line.length() > 200) ? line.substring(0, 200) : line;
	}

	/** The JSON shape: {eventId, key, op, bytes, ts (epoch ms), source}. */
	record Wire(String eventId, String key, String op, Long bytes, Long ts, String source) {

	}

}
