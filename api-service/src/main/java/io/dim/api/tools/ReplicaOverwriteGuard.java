package io.dim.api.tools;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.web.ErrorResponseException;

/**
 * Keeps a tool from overwriting a replica DIM records with other bytes. Tools copy what
 * the source bucket holds, and a source may hold another version of a key DIM manages
 * (put there by hand, or left by an earlier tool run). Copied onto the endpoints holding
 * the object's replicas, it would replace the only verified copies: the scrubber would
 * report them wrong, but the object's bytes would be gone. So a copy onto an endpoint
 * holding a replica of a managed object must come from an endpoint holding a verified
 * replica of it (state VALID, not found wrong since) of the object's size; otherwise the
 * whole request is refused (409) before anything runs. Copies onto endpoints with no
 * replica of the object are not the catalogue's concern and go ahead.
 */
@Component
class ReplicaOverwriteGuard {

	/** Keys per query, well under every database's limit on bound parameters. */
	private static final int CHUNK = 500;

	/** Keys named in a refusal; the rest are counted. */
	private static final int NAMED = 5;

	private final JdbcTemplate jdbc;

	ReplicaOverwriteGuard(JdbcTemplate jdbc) {
		this.jdbc = jdbc;
	}

	/** Refuses the selection (409) when it would overwrite a replica with other bytes. */
	void check(ToolSelection.Selection selection) {
		List<String> refused = new ArrayList<>();
		List<ToolSelection.Item> items = selection.items();
		for (int from = 0; from < items.size(); from += CHUNK) {
			refused.addAll(refused(selection, items.subList(from, Math.min(items.size(), from + CHUNK))));
		}
		if (refused.isEmpty()) {
			return;
		}
		Collections.sort(refused);
		String named = String.join("', '", refused.subList(0, Math.min(NAMED, refused.size())));
		String more = (refused.size() > NAMED) ? " and " + (refused.size() - NAMED) + " more" : "";
		String detail = String.format(java.util.Locale.ROOT,
				"%s holds DIM's replica of '%s'%s, and what %s holds under %s is no verified replica of the "
						+ "object's size: the copy would replace verified bytes with others; copy from an endpoint "
						+ "that holds a verified replica (GET /files/{key} lists them), or forget the object first",
				selection.target().name(), named, more, selection.source().name(),
				(refused.size() == 1) ? "that key" : "those keys");
		ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.CONFLICT, detail);
		problem.setProperty("keys", refused.subList(0, Math.min(NAMED, refused.size())));
		problem.setProperty("refused", refused.size());
		throw new ErrorResponseException(HttpStatus.CONFLICT, problem, null);
	}

	/**
	 * The keys of {@code items} with a replica on the target whose source is not a
	 * verified replica of the object's size.
	 */
	private List<String> refused(ToolSelection.Selection selection, List<ToolSelection.Item> items) {
		Map<String, Long> sizes = new HashMap<>();
		items.forEach((item) -> sizes.put(item.key(), item.size()));
		String marks = String.join(", ", Collections.nCopies(items.size(), "?"));
		List<Object> arguments = new ArrayList<>();
		arguments.add(selection.source().name());
		arguments.add(selection.target().name());
		items.forEach((item) -> arguments.add(item.key()));
		Set<String> refused = new HashSet<>();
		this.jdbc.query("SELECT t.object_key, f.size_bytes, s.state AS source_state, s.found_wrong_at "
				+ "FROM replica t JOIN file_meta f ON f.object_key = t.object_key "
				+ "LEFT JOIN replica s ON s.object_key = t.object_key AND s.endpoint = ? "
				+ "WHERE t.endpoint = ? AND t.object_key IN (" + marks + ")", (row) -> {
					String key = row.getString("object_key");
					boolean verified = "VALID".equals(row.getString("source_state"))
							&& row.getObject("found_wrong_at") == null;
					if (!verified || row.getLong("size_bytes") != sizes.get(key)) {
						refused.add(key);
					}
				}, arguments.toArray());
		return new ArrayList<>(refused);
	}

}
