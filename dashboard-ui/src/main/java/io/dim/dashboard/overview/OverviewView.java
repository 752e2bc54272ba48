package io.dim.dashboard.overview;

import java.util.List;

import com.vaadin.flow.component.AttachEvent;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.H1;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.router.PageTitle;
import com.vaadin.flow.router.Route;

import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.spring.security.AuthenticationContext;
import jakarta.annotation.security.PermitAll;

import io.dim.dashboard.api.ApiClient;
import io.dim.dashboard.api.ApiErrorException;
import io.dim.dashboard.api.ApiUnavailableException;
import io.dim.dashboard.api.DashboardProperties;
import io.dim.dashboard.security.CurrentUser;

/**
 * The dashboard: headline, endpoints, "Why this tier?", actions, migration, tools,
 * adoption, alerts and the what-if comparison, with the policy and chaos sidebar. It
 * refreshes itself every {@code dim.dashboard.refresh-interval}; while api-service is
 * unreachable a banner says so instead, and the page recovers by itself when it answers
 * again.
 */
@Route("")
@PageTitle("Data-in-Motion")
@PermitAll
class OverviewView extends HorizontalLayout {

	private final ApiClient api;

	private final DashboardProperties settings;

	private final Div banner = new Div();

	private final List<Panel> panels;

	OverviewView(ApiClient api, DashboardProperties settings, AuthenticationContext authentication) {
		this.api = api;
		this.settings = settings;
		setWidthFull();
		Runnable changed = this::refresh;
		HeadlinePanel headline = new HeadlinePanel(api);
		EndpointsPanel endpoints = new EndpointsPanel(api);
		ObjectPanel object = new ObjectPanel(api, changed);
		MigrationPanel migration = new MigrationPanel(api);
		AlertsPanel alerts = new AlertsPanel(api, changed);
		SidebarPanel sidebar = new SidebarPanel(api, changed);
		ToolsPanel tools = new ToolsPanel(api);
		AdoptPanel adopt = new AdoptPanel(api);
		WhatIfPanel whatIf = new WhatIfPanel(api);
		this.panels = List.of(sidebar, headline, endpoints, object, migration, alerts, tools, adopt, whatIf);
		this.banner.setId("api-banner");
		this.banner.getStyle()
			.set("background", "#f2dede")
			.set("color", "#a94442")
			.set("padding", "0.5em 1em")
			.set("border-radius", "4px");
		this.banner.setVisible(false);
		Span user = new Span("Signed in as " + CurrentUser.name() + (CurrentUser.isAdmin() ? "" : " (read-only)"));
		user.setId("signed-in");
		Button signOut = new Button("Sign out", (e) -> authentication.logout());
		signOut.setId("sign-out");
		HorizontalLayout title = new HorizontalLayout(new H1("Data-in-Motion"), user, signOut);
		title.setAlignItems(Alignment.BASELINE);
		VerticalLayout main = new VerticalLayout(title, this.banner, headline, endpoints, new ActionsBar(api, changed),
				object, migration, tools, adopt, alerts, whatIf);
		main.setWidthFull();
		add(sidebar, main);
		refresh();
	}

	@Override
	protected void onAttach(AttachEvent event) {
		event.getUI().setPollInterval((int) this.settings.refreshInterval().toMillis());
		event.getUI().addPollListener((poll) -> refresh());
	}

	private void refresh() {
		try {
			for (Panel panel : this.panels) {
				panel.refresh();
			}
			this.banner.setVisible(false);
		}
		catch (ApiUnavailableException ex) {
			this.banner.setText("api-service at " + this.api.apiUrl()
					+ " is unreachable; the figures below are the last ones read (if any), retrying every "
					+ this.settings.refreshInterval().toSeconds() + " s. (" + ex.getMessage() + ")");
			this.banner.setVisible(true);
		}
		catch (ApiErrorException ex) {
			this.banner.setText("api-service refused a request: " + ex.getMessage());
			this.banner.setVisible(true);
		}
	}

}
