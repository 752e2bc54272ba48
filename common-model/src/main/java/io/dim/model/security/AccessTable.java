package io.dim.model.security;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import org.springframework.http.HttpMethod;

/**
 * The explicit list of every route a service serves and who may call it. Each REST
 * service declares its table as a bean; {@link ApiSecurityConfiguration} turns it into
 * the authorization rules, and each service's route test fails the build when a handler
 * mapping or the OpenAPI document has a route that is not in it. A request that matches
 * no row needs the admin key.
 *
 * @param routes the rows, each method and pattern once
 */
public record AccessTable(List<Route> routes) {

	/**
	 * What every service serves: health, info and the metrics scrape (the only actuator
	 * endpoints exposed), open so that load balancers and Prometheus need no key.
	 */
	public static final List<Route> ACTUATOR = List.of(Route.get("/health", Access.PUBLIC),
			Route.get("/health/**", Access.PUBLIC), Route.get("/info", Access.PUBLIC),
			Route.get("/metrics", Access.PUBLIC));

	/** The OpenAPI document and Swagger UI: they describe routes and hold no data. */
	public static final List<Route> API_DOCS = List.of(Route.get("/v3/api-docs", Access.PUBLIC),
			Route.get("/v3/api-docs/swagger-config", Access.PUBLIC), Route.get("/v3/api-docs.yaml", Access.PUBLIC),
			Route.get("/docs", Access.PUBLIC), Route.get("/swagger-ui/**", Access.PUBLIC));

	public AccessTable {
		Set<String> seen = new HashSet<>();
		for (Route route : routes) {
			if (!seen.add(route.method().name() + " " + route.pattern())) {
				throw new IllegalArgumentException("access table lists " + route + " twice");
			}
		}
		routes = List.copyOf(routes);
	}

	/** A table of the shared rows plus a service's own. */
	@SafeVarargs
	public static AccessTable of(List<Route>... parts) {
		List<Route> all = new ArrayList<>();
		for (List<Route> part : parts) {
			all.addAll(part);
		}
		return new AccessTable(all);
	}

	/** The row for exactly this method and pattern. */
	public Optional<Route> find(HttpMethod method, String pattern) {
		return this.routes.stream().filter((r) -> r.method().equals(method) && r.pattern().equals(pattern)).findFirst();
	}

}
