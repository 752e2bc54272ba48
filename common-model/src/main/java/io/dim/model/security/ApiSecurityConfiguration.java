package io.dim.model.security;

import java.util.List;

import jakarta.servlet.DispatcherType;
import jakarta.servlet.http.HttpServletRequest;

import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;
import org.springframework.http.HttpMethod;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configuration.WebSecurityCustomizer;
import org.springframework.security.config.annotation.web.configurers.AbstractHttpConfigurer;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.provisioning.InMemoryUserDetailsManager;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.authentication.AnonymousAuthenticationFilter;
import org.springframework.security.web.firewall.StrictHttpFirewall;
import org.springframework.security.web.servlet.util.matcher.PathPatternRequestMatcher;
import org.springframework.security.web.util.matcher.RequestMatcher;

import io.dim.model.config.DimProperties;

/**
 * Spring Security for a REST service: API keys in X-API-Key (see {@link ApiKeys}), rules
 * from the service's {@link AccessTable} bean, problem JSON for 401 and 403, no sessions,
 * no cookies (so no CSRF tokens), no users. Imported by api-service, ml-service and
 * stream-service. Their command-line runs (no web server) skip it.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
public class ApiSecurityConfiguration {

	@Bean
	ApiKeys apiKeys(DimProperties properties, Environment environment) {
		return new ApiKeys(properties, environment);
	}

	@Bean
	SecurityFilterChain apiSecurity(HttpSecurity http, AccessTable table, ApiKeys keys) throws Exception {
		List<RequestMatcher> paths = table.routes()
			.stream()
			.map((route) -> (RequestMatcher) PathPatternRequestMatcher.withDefaults().matcher(route.pattern()))
			.toList();
		ProblemResponses problems = new ProblemResponses(keys, (request) -> routed(table, paths, request));
		http.csrf(AbstractHttpConfigurer::disable)
			.httpBasic(AbstractHttpConfigurer::disable)
			.formLogin(AbstractHttpConfigurer::disable)
			.logout(AbstractHttpConfigurer::disable)
			.requestCache(AbstractHttpConfigurer::disable)
			.sessionManagement((sessions) -> sessions.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
			.exceptionHandling((handling) -> handling.authenticationEntryPoint(problems).accessDeniedHandler(problems))
			.addFilterBefore(new ApiKeyAuthenticationFilter(keys, problems), AnonymousAuthenticationFilter.class)
			.authorizeHttpRequests((rules) -> {
				// The request was authorized on its way in; its error page (forwarded, or
				// included when the answer had begun) and the rest of a streamed (async)
				// answer are not new requests.
				rules.dispatcherTypeMatchers(DispatcherType.ERROR, DispatcherType.ASYNC, DispatcherType.INCLUDE)
					.permitAll();
				for (Route route : table.routes()) {
					// Spring MVC answers HEAD with a GET handler unless one is mapped for
					// HEAD: the same access, rather than the admin key asked for headers.
					List<HttpMethod> methods = route.method().equals(HttpMethod.GET)
							? List.of(HttpMethod.GET, HttpMethod.HEAD) : List.of(route.method());
					for (HttpMethod method : methods) {
						var rule = rules.requestMatchers(method, route.pattern());
						switch (route.access()) {
							case PUBLIC -> rule.permitAll();
							case READ -> {
								if (keys.readsNeedKey()) {
									rule.hasRole("READ");
								}
								else {
									rule.permitAll();
								}
							}
							case ADMIN -> rule.hasRole("ADMIN");
						}
					}
				}
				rules.anyRequest().hasRole("ADMIN");
			});
		return http.build();
	}

	/** Whether a row serves the request (HEAD as GET, as Spring MVC does). */
	private static boolean routed(AccessTable table, List<RequestMatcher> paths, HttpServletRequest request) {
		String method = "HEAD".equals(request.getMethod()) ? "GET" : request.getMethod();
		for (int i = 0; i < paths.size(); i++) {
			if (table.routes().get(i).method().name().equals(method) && paths.get(i).matches(request)) {
				return true;
			}
		}
		return false;
	}

	/**
	 * Object keys travel in one path segment with '/' as %2F and '%' as %25; the default
	 * firewall would refuse both. What it still refuses is answered as problem JSON.
	 */
	@Bean
	WebSecurityCustomizer objectKeysInPaths() {
		StrictHttpFirewall firewall = new StrictHttpFirewall();
		firewall.setAllowUrlEncodedSlash(true);
		firewall.setAllowUrlEncodedPercent(true);
		return (web) -> web.httpFirewall(firewall).requestRejectedHandler(new RejectedRequests());
	}

	/**
	 * No user accounts (and no generated password in the log): requests carry API keys.
	 */
	@Bean
	UserDetailsService noUsers() {
		return new InMemoryUserDetailsManager();
	}

}
