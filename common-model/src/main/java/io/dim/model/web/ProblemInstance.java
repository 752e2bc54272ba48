package io.dim.model.web;

import java.net.URI;

import org.springframework.http.ProblemDetail;

/**
 * Sets a problem's {@code instance} to the request's path, when that path is a URI at
 * all: the requests refused for their path (by the firewall, or before any controller)
 * are often not, and then the problem has no instance.
 */
public final class ProblemInstance {

	private ProblemInstance() {
	}

	public static ProblemDetail at(ProblemDetail problem, String path) {
		try {
			problem.setInstance(URI.create(path));
		}
		catch (IllegalArgumentException ex) {
			// not a URI: no instance
		}
		return problem;
	}

}
