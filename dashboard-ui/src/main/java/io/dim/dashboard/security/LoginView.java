package io.dim.dashboard.security;

import com.vaadin.flow.component.html.H1;
import com.vaadin.flow.component.login.LoginForm;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.router.BeforeEnterEvent;
import com.vaadin.flow.router.BeforeEnterObserver;
import com.vaadin.flow.router.PageTitle;
import com.vaadin.flow.router.Route;
import com.vaadin.flow.server.auth.AnonymousAllowed;

/**
 * Sign-in: the form posts to Spring Security's /login; a failed attempt comes back with
 * {@code ?error} and the form says so.
 */
@Route(value = "login", autoLayout = false)
@PageTitle("Sign in · Data-in-Motion")
@AnonymousAllowed
class LoginView extends VerticalLayout implements BeforeEnterObserver {

	private final LoginForm form = new LoginForm();

	LoginView() {
		setSizeFull();
		setAlignItems(Alignment.CENTER);
		setJustifyContentMode(JustifyContentMode.CENTER);
		this.form.setAction("login");
		this.form.setForgotPasswordButtonVisible(false);
		this.form.setId("login-form");
		add(new H1("Data-in-Motion"), this.form);
	}

	@Override
	public void beforeEnter(BeforeEnterEvent event) {
		this.form.setError(event.getLocation().getQueryParameters().getParameters().containsKey("error"));
	}

}
