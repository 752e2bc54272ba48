package io.dim.model.security;

import org.springframework.http.HttpMethod;

/**
 * One row of a service's access table: a method and a path pattern exactly as the handler
 * mapping declares it, and who may call it.
 *
 * @param method the HTTP method
 * @param pattern the path pattern, e.g. {@code /files/{key}}
 * @param access who may call it
 */
public record Route(HttpMethod method, String pattern, Access access) {

	public static Route get(String pattern, Access access) {
		return new Route(HttpMethod.GET, pattern, access);
	}

	public static Route head(String pattern, Access access) {
		return new Route(HttpMethod.HEAD, pattern, access);
	}

	public static Route post(String pattern, Access access) {
		return new Route(HttpMethod.POST, pattern, access);
	}

	@Override
	public String toString() {
		return this.method.name() + " " + this.pattern + " (" + this.access + ")";
	}

}
