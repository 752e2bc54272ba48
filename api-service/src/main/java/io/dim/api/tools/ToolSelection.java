package io.dim.api.tools;

import java.util.ArrayList;
import java.util.List;

import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.stereotype.Component;
import org.springframework.web.ErrorResponseException;

import io.dim.api.s3.S3Clients;
import io.dim.api.web.BadParameterException;
import io.dim.model.endpoint.EndpointCatalog;
import io.dim.model.endpoint.EndpointConfig;
import software.amazon.awssdk.services.s3.model.ListObjectsV2Response;
import software.amazon.awssdk.services.s3.model.S3Exception;
import software.amazon.awssdk.services.s3.model.S3Object;

/**
 * Validates a tool request and lists what it would copy. Keys and prefixes reach a child
 * process's argv (never a shell), so they are held to a strict form before any process
 * starts: letters, digits, spaces and {@value #SAFE_PUNCTUATION} only (no shell or rclone
 * syntax, no control characters), no "." or ".." or empty segment, nothing starting with
 * "-", no leading "/". Endpoint names must be configured endpoints. A copy that would
 * overwrite a replica DIM records with other bytes is refused
 * ({@link ReplicaOverwriteGuard}).
 */
@Component
class ToolSelection {

	private final EndpointCatalog catalog;

	private final S3Clients clients;

	private final ToolsProperties settings;

	private final ReplicaOverwriteGuard guard;

	ToolSelection(EndpointCatalog catalog, S3Clients clients, ToolsProperties settings, ReplicaOverwriteGuard guard) {
		this.catalog = catalog;
		this.clients = clients;
		this.settings = settings;
		this.guard = guard;
	}

	Selection select(ToolRequest request) {
		if (request == null) {
			throw new BadParameterException("body", "is required: {source, target, key or prefix}");
		}
		EndpointConfig source = endpoint("source", request.source());
		EndpointConfig target = endpoint("target", request.target());
		if (source.name().equals(target.name())) {
			throw new BadParameterException("target", "must differ from source");
		}
		boolean hasKey = request.key() != null && !request.key().isEmpty();
		boolean hasPrefix = request.prefix() != null && !request.prefix().isEmpty();
		if (hasKey == hasPrefix) {
			throw new BadParameterException("key",
					(hasKey ? "and prefix are both given" : "or prefix is required") + ": give exactly one of them");
		}
		if (hasKey) {
			checkPath("key", request.key());
			return checked(new Selection(source, target, request.key(), false,
					List.of(new Item(request.key(), sizeOf(source, request.key())))));
		}
		checkPath("prefix", request.prefix());
		if (!request.prefix().endsWith("/")) {
			throw new BadParameterException("prefix", "must end with \"/\" (a folder of keys)");
		}
		List<Item> items = list(source, request.prefix());
		if (items.isEmpty()) {
			throw notFound("no object under prefix '" + request.prefix() + "' on " + source.name());
		}
		return checked(new Selection(source, target, request.prefix(), true, items));
	}

	private Selection checked(Selection selection) {
		this.guard.check(selection);
		return selection;
	}

	private EndpointConfig endpoint(String field, String name) {
		if (name == null || name.isBlank()) {
			throw new BadParameterException(field, "is required: an endpoint name");
		}
		return this.catalog.find(name)
			.orElseThrow(() -> new BadParameterException(field, "unknown endpoint '" + name + "'"));
	}

	/** Besides letters and digits (any script), the only characters a key may hold. */
	static final String SAFE_PUNCTUATION = " /._-+=,@";

	static void checkPath(String field, String path) {
		if (path.length() > 1024) {
			throw new BadParameterException(field, "must be at most 1024 characters");
		}
		if (path.startsWith("/") || path.startsWith("-")) {
			throw new BadParameterException(field, "must not start with \"/\" or \"-\"");
		}
		for (int i = 0; i < path.length();) {
			int c = path.codePointAt(i);
			if (!Character.isLetterOrDigit(c) && SAFE_PUNCTUATION.indexOf(c) < 0) {
				throw new BadParameterException(field, "may hold only letters, digits, spaces and / . _ - + = , @ "
						+ "(it reaches a tool's argv); got " + describe(c) + " at position " + i);
			}
			i += Character.charCount(c);
		}
		if (path.contains("//")) {
			throw new BadParameterException(field, "must not contain an empty segment (\"//\")");
		}
		for (String segment : path.split("/", -1)) {
			if (segment.equals(".") || segment.equals("..")) {
				throw new BadParameterException(field, "must not contain a \".\" or \"..\" segment");
			}
			if (segment.startsWith("-")) {
				throw new BadParameterException(field, "must not have a segment starting with \"-\"");
			}
		}
	}

	private static String describe(int c) {
		return (c < 0x20 || c == 0x7f || Character.isWhitespace(c) || Character.isISOControl(c))
				? String.format(java.util.Locale.ROOT, "U+%04X", c) : "'" + Character.toString(c) + "'";
	}

	private long sizeOf(EndpointConfig source, String key) {
		try {
			return this.clients.client(source.name())
				.headObject((r) -> r.bucket(source.bucket()).key(key))
				.contentLength();
		}
		catch (S3Exception ex) {
			if (ex.statusCode() == 404) {
				throw notFound("no object '" + key + "' on " + source.name());
			}
			throw ex;
		}
	}

	private List<Item> list(EndpointConfig source, String prefix) {
		List<Item> items = new ArrayList<>();
		String token = null;
		do {
			String next = token;
			ListObjectsV2Response page = this.clients.client(source.name())
				.listObjectsV2((r) -> r.bucket(source.bucket()).prefix(prefix).continuationToken(next));
			for (S3Object object : page.contents()) {
				if (items.size() >= this.settings.maxObjects()) {
					throw new BadParameterException("prefix", "holds more than " + this.settings.maxObjects()
							+ " objects (dim.tools.max-objects); copy a narrower prefix");
				}
				checkPath("prefix", object.key());
				items.add(new Item(object.key(), object.size()));
			}
			token = page.isTruncated() ? page.nextContinuationToken() : null;
		}
		while (token != null);
		return items;
	}

	private static ErrorResponseException notFound(String detail) {
		return new ErrorResponseException(HttpStatus.NOT_FOUND,
				ProblemDetail.forStatusAndDetail(HttpStatus.NOT_FOUND, detail), null);
	}

	/**
	 * @param source endpoint to copy from
	 * @param target endpoint to copy to
	 * @param path the key or prefix
	 * @param isPrefix whether it is a prefix
	 * @param items the objects it names, with sizes
	 */
	record Selection(EndpointConfig source, EndpointConfig target, String path, boolean isPrefix, List<Item> items) {

	}

	record Item(String key, long size) {

	}

}
