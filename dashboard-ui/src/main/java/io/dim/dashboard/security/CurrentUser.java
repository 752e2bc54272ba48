package io.dim.dashboard.security;

import com.vaadin.flow.component.HasElement;
import com.vaadin.flow.component.HasEnabled;

import org.springframework.security.core.Authentication;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.context.SecurityContextHolder;

/**
 * Who is signed in to the dashboard: an admin may act, a viewer only reads. Read from the
 * security context of the current request (Vaadin keeps it per session).
 */
public final class CurrentUser {

	public static final String ADMIN = "ROLE_ADMIN";

	private CurrentUser() {
	}

	public static boolean isAdmin() {
		Authentication user = SecurityContextHolder.getContext().getAuthentication();
		return user != null && user.isAuthenticated()
				&& user.getAuthorities().stream().map(GrantedAuthority::getAuthority).anyMatch(ADMIN::equals);
	}

	public static String name() {
		Authentication user = SecurityContextHolder.getContext().getAuthentication();
		return (user != null) ? user.getName() : "";
	}

	/**
	 * Disables a control that changes something when the user may only read, and says why
	 * on hover. (Flow ignores events from disabled components on the server too.)
	 */
	public static <T extends HasEnabled & HasElement> T action(T control) {
		if (!isAdmin()) {
			control.setEnabled(false);
			control.getElement().setAttribute("title", "read-only: sign in as admin to use this");
		}
		return control;
	}

}
