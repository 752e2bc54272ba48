package io.dim.dashboard.security;

import com.vaadin.flow.spring.security.VaadinSecurityConfigurer;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;
import org.springframework.core.env.Profiles;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configuration.EnableWebSecurity;
import org.springframework.security.config.annotation.web.configuration.WebSecurityCustomizer;
import org.springframework.security.config.annotation.web.configurers.AuthorizeHttpRequestsConfigurer.AuthorizedUrl;
import org.springframework.security.core.userdetails.User;
import org.springframework.security.core.userdetails.UserDetails;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.crypto.factory.PasswordEncoderFactories;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.provisioning.InMemoryUserDetailsManager;
import org.springframework.security.web.SecurityFilterChain;

import io.dim.dashboard.api.DashboardProperties;

/**
 * The dashboard's sign-in: a login form, two users, "admin" (may act) and "viewer" (reads
 * only; every action is disabled), with passwords from DIM_DASHBOARD_ADMIN_PASSWORD and
 * DIM_DASHBOARD_VIEWER_PASSWORD (no viewer without one). Health, info and the metrics
 * scrape stay open. The admin password is required; outside the dev profile it must be at
 * least {@value #MIN_PASSWORD} characters.
 */
@Configuration(proxyBeanMethods = false)
@EnableWebSecurity
class DashboardSecurityConfiguration {

	static final int MIN_PASSWORD = 12;

	@Bean
	SecurityFilterChain dashboardSecurity(HttpSecurity http) throws Exception {
		http.authorizeHttpRequests(
				(rules) -> rules.requestMatchers("/health", "/health/**", "/info", "/metrics").permitAll());
		// Requests no rule names reach Vaadin, whose navigation control sends
		// visitors who are not signed in to the form and shows the not-found page to
		// those who are (Spring Security would refuse them before Vaadin could).
		return http
			.with(VaadinSecurityConfigurer.vaadin(),
					(vaadin) -> vaadin.loginView(LoginView.class).anyRequest(AuthorizedUrl::permitAll))
			.build();
	}

	/**
	 * The chart scripts the page loads (Chart.js from its WebJar, our element) bypass the
	 * filter chain: static files with no data, which Vaadin's rules would deny.
	 */
	@Bean
	WebSecurityCustomizer chartScripts() {
		return (web) -> web.ignoring().requestMatchers("/webjars/chart.js/**", "/dim/**");
	}

	@Bean
	PasswordEncoder passwordEncoder() {
		return PasswordEncoderFactories.createDelegatingPasswordEncoder();
	}

	@Bean
	UserDetailsService dashboardUsers(DashboardProperties settings, PasswordEncoder encoder, Environment environment) {
		boolean dev = environment.acceptsProfiles(Profiles.of("dev"));
		String admin = check("DIM_DASHBOARD_ADMIN_PASSWORD", settings.adminPassword(), true, dev);
		String viewer = check("DIM_DASHBOARD_VIEWER_PASSWORD", settings.viewerPassword(), false, dev);
		InMemoryUserDetailsManager users = new InMemoryUserDetailsManager();
		users.createUser(user("admin", admin, encoder, "ADMIN", "VIEWER"));
		if (!viewer.isEmpty()) {
			users.createUser(user("viewer", viewer, encoder, "VIEWER"));
		}
		return users;
	}

	private static UserDetails user(String name, String password, PasswordEncoder encoder, String... roles) {
		return User.withUsername(name).password(encoder.encode(password)).roles(roles).build();
	}

	private static String check(String variable, String password, boolean required, boolean dev) {
		String value = (password != null) ? password : "";
		if (value.isEmpty()) {
			if (required) {
				throw new IllegalStateException(variable + ": "
						+ "is required: the dashboard signs its users in (scripts/dev-up generates one)");
			}
			return value;
		}
		if (!dev && value.length() < MIN_PASSWORD) {
			throw new IllegalStateException(
					variable + ": " + "must be at least " + MIN_PASSWORD + " characters outside the dev profile");
		}
		return value;
	}

}
