package io.dim.model.security;

import java.io.IOException;
import java.util.List;
import java.util.Optional;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.security.core.authority.AuthorityUtils;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.core.context.SecurityContextHolderStrategy;
import org.springframework.security.web.authentication.preauth.PreAuthenticatedAuthenticationToken;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Authenticates a request by its X-API-Key: the admin key grants ROLE_ADMIN and
 * ROLE_READ, the read key ROLE_READ. No header leaves the request anonymous (the
 * authorization rules decide); an unknown key is refused at once with 401, so a typo
 * never looks like a permission problem.
 */
final class ApiKeyAuthenticationFilter extends OncePerRequestFilter {

	private final SecurityContextHolderStrategy contexts = SecurityContextHolder.getContextHolderStrategy();

	private final ApiKeys keys;

	private final ProblemResponses problems;

	ApiKeyAuthenticationFilter(ApiKeys keys, ProblemResponses problems) {
		this.keys = keys;
		this.problems = problems;
	}

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		String given = request.getHeader(ApiKeys.HEADER);
		if (given == null) {
			chain.doFilter(request, response);
			return;
		}
		Optional<Access> grant = this.keys.grantOf(given.trim());
		if (grant.isEmpty()) {
			this.problems.unauthorized(request, response, "wrong " + ApiKeys.HEADER + ": it is neither the admin key "
					+ "(DIM_API_KEY) nor the read key (DIM_READ_API_KEY)");
			return;
		}
		List<String> roles = (grant.get() == Access.ADMIN) ? List.of("ROLE_ADMIN", "ROLE_READ") : List.of("ROLE_READ");
		SecurityContext context = this.contexts.createEmptyContext();
		context.setAuthentication(new PreAuthenticatedAuthenticationToken(grant.get().name().toLowerCase() + "-key", "",
				AuthorityUtils.createAuthorityList(roles)));
		this.contexts.setContext(context);
		try {
			chain.doFilter(request, response);
		}
		finally {
			this.contexts.clearContext();
		}
	}

}
