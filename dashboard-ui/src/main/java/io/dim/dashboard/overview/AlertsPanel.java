package io.dim.dashboard.overview;

import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.grid.GridVariant;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import tools.jackson.databind.JsonNode;

import io.dim.dashboard.api.ApiClient;
import io.dim.dashboard.security.CurrentUser;

/** Open and acknowledged alerts with their severity, and an Ack button for open ones. */
class AlertsPanel extends VerticalLayout implements Panel {

	private final ApiClient api;

	private final Grid<JsonNode> grid = new Grid<>();

	private String shown = "";

	AlertsPanel(ApiClient api, Runnable changed) {
		this.api = api;
		setPadding(false);
		this.grid.setId("alerts");
		// Reasons, errors and messages are sentences: wrapped, so they can be read whole.
		this.grid.addThemeVariants(GridVariant.LUMO_WRAP_CELL_CONTENT);
		this.grid.setAllRowsVisible(true);
		// Short columns keep their width; the sentence column takes the rest.
		this.grid.addColumn((a) -> a.get("severity").asString())
			.setHeader("Severity")
			.setAutoWidth(true)
			.setFlexGrow(0);
		this.grid.addColumn((a) -> a.get("rule").asString()).setHeader("Rule").setAutoWidth(true).setFlexGrow(0);
		this.grid.addColumn((a) -> a.get("subject").asString()).setHeader("Subject").setAutoWidth(true).setFlexGrow(0);
		this.grid.addColumn((a) -> a.get("message").asString()).setHeader("Message").setFlexGrow(1);
		this.grid.addColumn((a) -> a.get("state").asString()).setHeader("State").setAutoWidth(true).setFlexGrow(0);
		this.grid.addComponentColumn((a) -> {
			Button ack = new Button("Ack", (e) -> {
				Feedback.run(() -> api.post("/alerts/" + a.get("id").asLong() + "/ack", null),
						(answer) -> "Alert " + answer.get("id").asLong() + " acknowledged");
				changed.run();
			});
			ack.setEnabled("open".equals(a.get("state").asString()));
			CurrentUser.action(ack);
			ack.addClassName("alert-ack");
			ack.getElement().setAttribute("data-rule", a.get("rule").asString());
			ack.getElement().setAttribute("data-subject", a.get("subject").asString());
			return ack;
		}).setAutoWidth(true).setFlexGrow(0);
		add(new H2("Alerts"), this.grid);
	}

	@Override
	public void refresh() {
		java.util.List<JsonNode> live = new java.util.ArrayList<>();
		this.api.get("/alerts?state=open").forEach(live::add);
		this.api.get("/alerts?state=acked").forEach(live::add);
		// Redrawn only when something changed, so an Ack button is not replaced under the
		// pointer.
		String now = live.toString();
		if (!now.equals(this.shown)) {
			this.shown = now;
			this.grid.setItems(live);
			// Auto widths are measured once otherwise: "acked" was cut.
			this.grid.recalculateColumnWidths();
		}
	}

}
