package io.dim.model.web;

/**
 * The answer to a request for a path no route serves, the same whether the security layer
 * or Spring MVC finds it (Spring's own: "No static resource files/a/b.csv."). The usual
 * cause is an object key with an unencoded '/', so it says how to send one.
 */
public final class NoRoute {

	private NoRoute() {
	}

	public static String detail(String method, String path) {
		return "no route " + method + " " + path + " on this service (its routes: /docs); an object key in a path "
				+ "is one segment, with '/' sent as %2F (reports%2Fq3.csv)";
	}

}
