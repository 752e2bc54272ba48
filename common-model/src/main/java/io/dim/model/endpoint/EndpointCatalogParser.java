package io.dim.model.endpoint;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import io.dim.model.config.InvalidSettingException;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Parses and validates the {@code S3_ENDPOINTS} JSON array. Every error names the
 * variable, the endpoint (by name, or by position when the name itself is the problem)
 * and the field, so a user can fix it from the one line alone.
 */
public final class EndpointCatalogParser {

	public static final String VARIABLE = "S3_ENDPOINTS";

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private EndpointCatalogParser() {
	}

	public static List<EndpointConfig> parse(String json) {
		JsonNode root;
		try {
			root = JSON.readTree(json);
		}
		catch (JacksonException ex) {
			throw new InvalidSettingException(VARIABLE, "invalid JSON: " + firstLine(ex.getOriginalMessage()));
		}
		if (root == null || !root.isArray()) {
			throw new InvalidSettingException(VARIABLE, "must be a JSON array of endpoint objects");
		}
		if (root.isEmpty()) {
			throw new InvalidSettingException(VARIABLE, "must list at least one endpoint");
		}
		List<EndpointConfig> endpoints = new ArrayList<>();
		Set<String> names = new HashSet<>();
		int index = 0;
		for (JsonNode node : root) {
			EndpointConfig endpoint = parseOne(node, index++);
			if (!names.add(endpoint.name())) {
				throw new InvalidSettingException(VARIABLE, "endpoint '" + endpoint.name() + "': duplicate name");
			}
			endpoints.add(endpoint);
		}
		return List.copyOf(endpoints);
	}

	private static EndpointConfig parseOne(JsonNode node, int index) {
		if (!node.isObject()) {
			throw new InvalidSettingException(VARIABLE, "entry " + index + " must be a JSON object");
		}
		Fields fields = new Fields(node, "entry " + index);
		String name = fields.text("name");
		if (!name.matches("[a-z0-9][a-z0-9_-]{0,31}")) {
			throw fields.error("name", "must be 1-32 characters of a-z, 0-9, '-' or '_' (got '" + name + "')");
		}
		fields = new Fields(node, "endpoint '" + name + "'");
		return new EndpointConfig(name, fields.url("url"), fields.text("access_key"), fields.text("secret_key"),
				fields.bucket("bucket"), fields.nonNegative("latency_ms", null),
				fields.nonNegative("cost_per_gb", null), fields.bool("encrypted", false),
				fields.nonNegative("egress_cost_per_gb", 0.0), fields.nonNegative("capacity_gb", 0.0),
				fields.optionalText("provider", name), fields.optionalText("region", "local"));
	}

	private static String firstLine(String message) {
		if (message == null) {
			return "unreadable";
		}
		int newline = message.indexOf('\n');
		return (newline < 0) ? message : message.substring(0, newline);
	}

	/**
	 * Reads the fields of one endpoint object, failing with the endpoint and field named.
	 */
	private record Fields(JsonNode node, String label) {

		InvalidSettingException error(String field, String problem) {
			return new InvalidSettingException(VARIABLE, this.label + ": field '" + field + "' " + problem);
		}

		String text(String field) {
			JsonNode value = this.node.get(field);
			if (value == null || value.isNull()) {
				throw error(field, "is missing");
			}
			if (!value.isString() || value.asString().isBlank()) {
				throw error(field, "must be a non-empty string");
			}
			return value.asString().trim();
		}

		String optionalText(String field, String fallback) {
			JsonNode value = this.node.get(field);
			return (value == null || value.isNull()) ? fallback : text(field);
		}

		URI url(String field) {
			String text = text(field);
			try {
				URI uri = new URI(text);
				String scheme = uri.getScheme();
				if (scheme == null || !(scheme.equals("http") || scheme.equals("https")) || uri.getHost() == null) {
					throw error(field, "must be an http:// or https:// URL with a host (got '" + text + "')");
				}
				if (uri.getRawUserInfo() != null || uri.getRawQuery() != null || uri.getRawFragment() != null) {
					// Credentials belong in access_key/secret_key, where they are masked;
					// a URL is logged and shown.
					throw error(field, "must not carry user info, a query or a fragment (keys go in access_key and "
							+ "secret_key)");
				}
				return uri;
			}
			catch (URISyntaxException ex) {
				throw error(field, "is not a valid URL (got '" + text + "')");
			}
		}

		String bucket(String field) {
			String bucket = text(field);
			if (!bucket.matches("[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]")) {
				throw error(field, "must be a valid S3 bucket name: 3-63 characters of a-z, 0-9, '.' or '-' (got '"
						+ bucket + "')");
			}
			return bucket;
		}

		double nonNegative(String field, Double fallback) {
			JsonNode value = this.node.get(field);
			if (value == null || value.isNull()) {
				if (fallback == null) {
					throw error(field, "is missing");
				}
				return fallback;
			}
			if (!value.isNumber()) {
				throw error(field, "must be a number (got " + value + ")");
			}
			double number = value.asDouble();
			if (number < 0 || Double.isNaN(number) || Double.isInfinite(number)) {
				throw error(field, "must not be negative (got " + value + ")");
			}
			return number;
		}

		boolean bool(String field, boolean fallback) {
			JsonNode value = this.node.get(field);
			if (value == null || value.isNull()) {
				return fallback;
			}
			if (!value.isBoolean()) {
				throw error(field, "must be true or false (got " + value + ")");
			}
			return value.asBoolean();
		}

	}

}
