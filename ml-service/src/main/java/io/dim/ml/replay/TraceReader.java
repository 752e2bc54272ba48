package io.dim.ml.replay;

import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.IntConsumer;

import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Reads an access trace: CSV with a header naming the columns
 * {@code ts,key,op,bytes,size} (any order; {@code bytes} may be left out), or JSON lines
 * with the same fields. {@code ts} is epoch milliseconds or ISO-8601; {@code op} is
 * {@code read}/{@code GET} or {@code write}/{@code PUT}; {@code bytes} (default: the
 * object's size) is what the access moved; {@code size} is the object's size, needed on
 * its first line, and a later value replaces it. Events must be in time order. A bad line
 * is an {@link IllegalArgumentException} naming its line and field.
 */
public final class TraceReader {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private TraceReader() {
	}

	/**
	 * @param progress called with the number of lines read, every 100,000
	 */
	public static Trace read(Path file, IntConsumer progress) throws IOException {
		try (BufferedReader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
			Trace.Builder trace = new Trace.Builder();
			String line;
			int number = 0;
			Map<String, Integer> columns = null;
			boolean json = false;
			while ((line = reader.readLine()) != null) {
				number++;
				if (line.isBlank()) {
					continue;
				}
				if (columns == null && !json) {
					if (line.stripLeading().startsWith("{")) {
						json = true;
					}
					else {
						columns = header(line, number);
						continue;
					}
				}
				try {
					if (json) {
						addJson(trace, line);
					}
					else {
						addCsv(trace, line, columns);
					}
				}
				catch (IllegalArgumentException ex) {
					throw new IllegalArgumentException(file + " line " + number + ": " + ex.getMessage(), ex);
				}
				if (number % 100_000 == 0) {
					progress.accept(number);
				}
			}
			Trace built = trace.build();
			if (built.events() == 0) {
				throw new IllegalArgumentException(file + ": no events");
			}
			return built;
		}
	}

	private static Map<String, Integer> header(String line, int number) {
		List<String> names = split(line);
		Map<String, Integer> columns = new HashMap<>();
		for (int i = 0; i < names.size(); i++) {
			columns.put(names.get(i).trim().toLowerCase(Locale.ROOT), i);
		}
		for (String required : List.of("ts", "key", "op", "size")) {
			if (!columns.containsKey(required)) {
				throw new IllegalArgumentException("line " + number + ": the CSV header has no '" + required
						+ "' column (expected ts,key,op,bytes,size; got '" + line + "')");
			}
		}
		return columns;
	}

	private static void addCsv(Trace.Builder trace, String line, Map<String, Integer> columns) {
		List<String> fields = split(line);
		trace.add(time(field(fields, columns, "ts")), key(field(fields, columns, "key")),
				write(field(fields, columns, "op")), number("bytes", field(fields, columns, "bytes")),
				number("size", field(fields, columns, "size")));
	}

	private static String field(List<String> fields, Map<String, Integer> columns, String name) {
		Integer column = columns.get(name);
		return (column == null || column >= fields.size()) ? "" : fields.get(column).trim();
	}

	private static void addJson(Trace.Builder trace, String line) {
		JsonNode node;
		try {
			node = JSON.readTree(line);
		}
		catch (JacksonException ex) {
			throw new IllegalArgumentException("not a JSON object: " + ex.getOriginalMessage());
		}
		if (!node.isObject()) {
			throw new IllegalArgumentException("not a JSON object");
		}
		trace.add(time(text(node, "ts")), key(text(node, "key")), write(text(node, "op")),
				number("bytes", text(node, "bytes")), number("size", text(node, "size")));
	}

	private static String text(JsonNode node, String name) {
		JsonNode value = node.get(name);
		return (value == null || value.isNull()) ? "" : value.asString().trim();
	}

	static long time(String text) {
		if (text.isEmpty()) {
			throw new IllegalArgumentException("ts: missing");
		}
		if (text.chars().allMatch(Character::isDigit)) {
			try {
				return Long.parseLong(text);
			}
			catch (NumberFormatException ex) {
				throw new IllegalArgumentException("ts: too large (" + text + ")");
			}
		}
		try {
			return Instant.parse(text).toEpochMilli();
		}
		catch (DateTimeParseException ex) {
			throw new IllegalArgumentException(
					"ts: not epoch milliseconds or ISO-8601 like 2026-01-01T00:00:00Z (got '" + text + "')");
		}
	}

	private static String key(String text) {
		if (text.isEmpty()) {
			throw new IllegalArgumentException("key: missing");
		}
		return text;
	}

	static boolean write(String text) {
		return switch (text.toLowerCase(Locale.ROOT)) {
			case "read", "get" -> false;
			case "write", "put" -> true;
			default -> throw new IllegalArgumentException("op: must be read, write, GET or PUT (got '" + text + "')");
		};
	}

	/** A whole number of bytes, or -1 when empty. */
	private static long number(String field, String text) {
		if (text.isEmpty()) {
			return -1;
		}
		try {
			long value = Long.parseLong(text);
			if (value < 0) {
				throw new NumberFormatException();
			}
			return value;
		}
		catch (NumberFormatException ex) {
			throw new IllegalArgumentException(field + ": must be a whole number of bytes (got '" + text + "')");
		}
	}

	/** Splits a CSV line; fields may be quoted ("a,b" and "" for a quote). */
	static List<String> split(String line) {
		List<String> fields = new ArrayList<>();
		StringBuilder field = new StringBuilder();
		boolean quoted = false;
		for (int i = 0; i < line.length(); i++) {
			char c = line.charAt(i);
			if (quoted) {
				if (c == '"' && i + 1 < line.length() && line.charAt(i + 1) == '"') {
					field.append('"');
					i++;
				}
				else if (c == '"') {
					quoted = false;
				}
				else {
					field.append(c);
				}
			}
			else if (c == '"') {
				quoted = true;
			}
			else if (c == ',') {
				fields.add(field.toString());
				field.setLength(0);
			}
			else {
				field.append(c);
			}
		}
		fields.add(field.toString());
		return fields;
	}

}
