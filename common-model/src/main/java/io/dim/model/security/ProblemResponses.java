package io.dim.model.security;

import java.io.IOException;
import java.util.function.Predicate;

import com.fasterxml.jackson.annotation.JsonInclude;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.security.web.access.AccessDeniedHandler;

import tools.jackson.databind.json.JsonMapper;

import io.dim.model.web.NoRoute;
import io.dim.model.web.ProblemInstance;

/**
 * The security answers as RFC 9457 problem JSON: 401 when a request lacks a key it needs
 * or carries an unknown one, 403 when its key may only read, 404 when no route serves its
 * path at all (instead of 401 or 403 for a mistyped path).
 */
final class ProblemResponses implements AuthenticationEntryPoint, AccessDeniedHandler {

	private static final JsonMapper JSON = JsonMapper.builder()
		.changeDefaultPropertyInclusion((inclusion) -> inclusion.withValueInclusion(JsonInclude.Include.NON_NULL))
		.build();

	private final ApiKeys keys;

	/** Whether a route of the access table serves the request's method and path. */
	private final Predicate<HttpServletRequest> routed;

	ProblemResponses(ApiKeys keys, Predicate<HttpServletRequest> routed) {
		this.keys = keys;
		this.routed = routed;
	}

	@Override
	public void commence(HttpServletRequest request, HttpServletResponse response,
			AuthenticationException authException) throws IOException {
		if (!this.routed.test(request)) {
			noRoute(request, response);
			return;
		}
		String detail = this.keys.hasAdminKey()
				? "missing header " + ApiKeys.HEADER + ": " + request.getMethod() + " " + request.getRequestURI()
						+ " needs an API key (the read key for reads, the admin key for changes)"
				: "this server has no API key configured (DIM_API_KEY): requests that need a key are refused";
		unauthorized(request, response, detail);
	}

	void unauthorized(HttpServletRequest request, HttpServletResponse response, String detail) throws IOException {
		response.setHeader("WWW-Authenticate", "ApiKey header=\"" + ApiKeys.HEADER + "\"");
		write(request, response, HttpStatus.UNAUTHORIZED, detail);
	}

	@Override
	public void handle(HttpServletRequest request, HttpServletResponse response,
			AccessDeniedException accessDeniedException) throws IOException {
		if (!this.routed.test(request)) {
			noRoute(request, response);
			return;
		}
		write(request, response, HttpStatus.FORBIDDEN, "this API key may only read: " + request.getMethod() + " "
				+ request.getRequestURI() + " needs the admin key (DIM_API_KEY)");
	}

	/**
	 * A path no route serves needs the admin key, like any request outside the table;
	 * refused, it is told it does not exist rather than which key it lacks (the routes
	 * are public in /docs anyway).
	 */
	private void noRoute(HttpServletRequest request, HttpServletResponse response) throws IOException {
		write(request, response, HttpStatus.NOT_FOUND, NoRoute.detail(request.getMethod(), request.getRequestURI()));
	}

	static void write(HttpServletRequest request, HttpServletResponse response, HttpStatus status, String detail)
			throws IOException {
		ProblemDetail problem = ProblemInstance.at(ProblemDetail.forStatusAndDetail(status, detail),
				request.getRequestURI());
		response.setStatus(status.value());
		response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
		response.getOutputStream().write(JSON.writeValueAsBytes(problem));
	}

}
