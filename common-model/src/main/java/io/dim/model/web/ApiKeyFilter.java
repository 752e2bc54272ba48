package io.dim.model.web;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Set;
import java.util.function.Predicate;

import com.fasterxml.jackson.annotation.JsonInclude;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.web.filter.OncePerRequestFilter;

import io.dim.model.config.DimProperties;
import tools.jackson.databind.json.JsonMapper;

/**
 * Mutating requests (anything but GET, HEAD, OPTIONS) need the header X-API-Key equal to
 * DIM_API_KEY; otherwise 401 problem JSON. With no key configured every mutating request
 * is refused rather than allowed. Reads stay open, and so do the POSTs a service names as
 * reads (ml-service's /predict). Each web service registers it as a bean.
 */
public class ApiKeyFilter extends OncePerRequestFilter {

	public static final String HEADER = "X-API-Key";

	private static final Set<String> READ_METHODS = Set.of("GET", "HEAD", "OPTIONS", "TRACE");

	private final byte[] expected;

	private final JsonMapper json = JsonMapper.builder()
		.changeDefaultPropertyInclusion((inclusion) -> inclusion.withValueInclusion(JsonInclude.Include.NON_NULL))
		.build();

	private final Predicate<HttpServletRequest> readOnlyPost;

	/** Guards every mutating request. */
	public ApiKeyFilter(DimProperties properties) {
		this(properties, (request) -> false);
	}

	/**
	 * @param readOnlyPost requests that use POST only to carry a body and change nothing
	 */
	public ApiKeyFilter(DimProperties properties, Predicate<HttpServletRequest> readOnlyPost) {
		this.expected = properties.apiKey().getBytes(StandardCharsets.UTF_8);
		this.readOnlyPost = readOnlyPost;
	}

	@Override
	protected boolean shouldNotFilter(HttpServletRequest request) {
		return READ_METHODS.contains(request.getMethod()) || this.readOnlyPost.test(request);
	}

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		String given = request.getHeader(HEADER);
		if (this.expected.length > 0 && given != null
				&& MessageDigest.isEqual(this.expected, given.getBytes(StandardCharsets.UTF_8))) {
			chain.doFilter(request, response);
			return;
		}
		String detail = (this.expected.length == 0)
				? "this server has no API key configured (DIM_API_KEY): mutating requests are refused"
				: ((given == null) ? "missing header " + HEADER + ": mutating requests need the API key"
						: "wrong " + HEADER + ": mutating requests need the API key");
		ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.UNAUTHORIZED, detail);
		problem.setInstance(java.net.URI.create(request.getRequestURI()));
		response.setStatus(HttpStatus.UNAUTHORIZED.value());
		response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
		response.setHeader("WWW-Authenticate", "ApiKey header=\"" + HEADER + "\"");
		response.getOutputStream().write(this.json.writeValueAsBytes(problem));
	}

}
