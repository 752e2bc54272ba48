package io.dim.model.testing;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.springframework.context.ApplicationContext;
import org.springframework.http.HttpMethod;
import org.springframework.web.bind.annotation.RequestMethod;
import org.springframework.web.servlet.mvc.method.RequestMappingInfo;
import org.springframework.web.servlet.mvc.method.RequestMappingInfoHandlerMapping;

import io.dim.model.security.Access;
import io.dim.model.security.AccessTable;
import io.dim.model.security.Route;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The access-table checks every REST service runs against itself, started with an admin
 * key, a read key and reads that need a key: every route of its handler mappings and of
 * its OpenAPI document is in its {@link AccessTable}, every row of the table is a route,
 * and the table holds (401 without a key, 403 with the read key on admin routes, a wrong
 * key refused).
 */
public final class RouteAccessChecks {

	private static final HttpClient HTTP = HttpClient.newHttpClient();

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private RouteAccessChecks() {
	}

	/** Every method and pattern the service maps (controllers, actuator, API docs). */
	public static Set<String> mappedRoutes(ApplicationContext context) {
		Set<String> routes = new LinkedHashSet<>();
		for (RequestMappingInfoHandlerMapping mapping : context.getBeansOfType(RequestMappingInfoHandlerMapping.class)
			.values()) {
			for (RequestMappingInfo info : mapping.getHandlerMethods().keySet()) {
				Set<RequestMethod> methods = info.getMethodsCondition().getMethods();
				for (String pattern : info.getPatternValues()) {
					if (methods.isEmpty()) {
						routes.add("ANY " + pattern);
					}
					methods.forEach((method) -> routes.add(method.name() + " " + pattern));
				}
			}
		}
		return routes;
	}

	/**
	 * Every method and path of the service's OpenAPI document (none without springdoc).
	 */
	public static Set<String> openApiRoutes(String base) throws Exception {
		HttpResponse<String> response = get(base + "/v3/api-docs", null);
		Set<String> routes = new LinkedHashSet<>();
		if (response.statusCode() == 404) {
			return routes;
		}
		assertThat(response.statusCode()).as("GET /v3/api-docs").isEqualTo(200);
		for (Map.Entry<String, JsonNode> path : JSON.readTree(response.body()).get("paths").properties()) {
			for (String method : path.getValue().propertyNames()) {
				routes.add(method.toUpperCase(java.util.Locale.ROOT) + " " + path.getKey());
			}
		}
		return routes;
	}

	/**
	 * Routes the service serves that its table does not list (a "ANY" route, a mapping
	 * without a method, is never listed): must be empty. Boot's error page is the one
	 * exception: requests reach it by the error dispatch of a request already authorized,
	 * and a direct request to it falls under "anything else needs the admin key".
	 */
	public static List<String> unlisted(AccessTable table, Set<String> routes) {
		List<String> missing = new ArrayList<>();
		for (String route : routes) {
			if (route.equals("ANY /error")) {
				continue;
			}
			String[] parts = route.split(" ", 2);
			if (parts[0].equals("ANY") || table.find(HttpMethod.valueOf(parts[0]), parts[1]).isEmpty()) {
				missing.add(route);
			}
		}
		return missing;
	}

	/** Rows of the table that are no route of the service (wildcard rows aside). */
	public static List<String> stale(AccessTable table, Set<String> routes) {
		List<String> stale = new ArrayList<>();
		for (Route row : table.routes()) {
			if (!row.pattern().endsWith("/**") && !routes.contains(row.method().name() + " " + row.pattern())
					&& !AccessTable.API_DOCS.contains(row)) {
				stale.add(row.toString());
			}
		}
		return stale;
	}

	/**
	 * Calls every row of the table without a key, with the read key and with a wrong key,
	 * and checks the answers: 401 problem JSON where a key is needed, 403 problem JSON
	 * for the read key on an admin route, neither where the access allows the call; 404
	 * problem JSON for a path no row serves, whatever the key (except a wrong one). Admin
	 * routes are never called with the admin key here (they start work).
	 */
	public static void assertEnforced(String base, AccessTable table, String readKey, String adminKey)
			throws Exception {
		List<Route> rows = new ArrayList<>(table.routes());
		// HEAD of a GET route has the GET's access (its answer has no body to check).
		table.routes()
			.stream()
			.filter((row) -> row.method().equals(HttpMethod.GET) && row.access() != Access.ADMIN)
			.filter((row) -> table.find(HttpMethod.HEAD, row.pattern()).isEmpty())
			.forEach((row) -> rows.add(new Route(HttpMethod.HEAD, row.pattern(), row.access())));
		for (Route row : rows) {
			String url = base + row.pattern().replace("/**", "/x").replaceAll("\\{[^}]+}", "1");
			int anonymous = call(row.method(), url, null).statusCode();
			int reader = call(row.method(), url, readKey).statusCode();
			int wrong = call(row.method(), url, "not-the-key-" + readKey).statusCode();
			switch (row.access()) {
				case PUBLIC -> {
					assertThat(anonymous).as("%s without a key", row).isNotIn(401, 403);
					assertThat(reader).as("%s with the read key", row).isNotIn(401, 403);
				}
				case READ -> {
					assertThat(anonymous).as("%s without a key", row).isEqualTo(401);
					assertThat(reader).as("%s with the read key", row).isNotIn(401, 403);
					assertThat(wrong).as("%s with a wrong key", row).isEqualTo(401);
				}
				case ADMIN -> {
					HttpResponse<String> denied = call(row.method(), url, readKey);
					assertThat(anonymous).as("%s without a key", row).isEqualTo(401);
					assertThat(denied.statusCode()).as("%s with the read key", row).isEqualTo(403);
					assertThat(denied.headers().firstValue("Content-Type").orElse(""))
						.startsWith("application/problem+json");
					assertThat(denied.body()).contains("needs the admin key");
					assertThat(wrong).as("%s with a wrong key", row).isEqualTo(401);
				}
			}
		}
		// A path no row serves is told it does not exist, rather than which key it lacks
		// (the security layer answers for no key and the read key, Spring MVC for the
		// admin key, in the same words): a mistyped path, or an object key whose '/' was
		// not sent as %2F.
		for (String key : new String[] { null, readKey, adminKey }) {
			HttpResponse<String> unlisted = call(HttpMethod.GET, base + "/files/reports/q3.csv", key);
			assertThat(unlisted.statusCode()).as("an unlisted path, key %s", key).isEqualTo(404);
			assertThat(unlisted.headers().firstValue("Content-Type").orElse("")).startsWith("application/problem+json");
			assertThat(unlisted.body()).contains("no route GET /files/reports/q3.csv on this service").contains("%2F");
		}
		// What the firewall refuses is a problem that says why, not the error page's
		// bare {"status":400,"error":"Bad Request"}.
		HttpResponse<String> refused = call(HttpMethod.GET, base + "/files/%2E%2E", adminKey);
		assertThat(refused.statusCode()).as("an encoded '..' segment").isEqualTo(400);
		assertThat(refused.headers().firstValue("Content-Type").orElse("")).startsWith("application/problem+json");
		assertThat(refused.body()).contains("request refused: the URL contained a potentially malicious String");
		HttpResponse<String> post = call(HttpMethod.POST, base + "/no-such-route", null);
		assertThat(post.statusCode()).as("an unlisted route without a key").isEqualTo(404);
		assertThat(post.body()).contains("no route POST /no-such-route");
		assertThat(call(HttpMethod.POST, base + "/no-such-route", "not-the-key-" + readKey).statusCode())
			.as("an unlisted route with a wrong key")
			.isEqualTo(401);
	}

	private static HttpResponse<String> get(String url, String key) throws IOException, InterruptedException {
		return call(HttpMethod.GET, url, key);
	}

	private static HttpResponse<String> call(HttpMethod method, String url, String key)
			throws IOException, InterruptedException {
		HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url))
			.header("Accept", "application/json")
			.method(method.name(), HttpRequest.BodyPublishers.noBody());
		if (key != null) {
			request.header("X-API-Key", key);
		}
		return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
	}

}
