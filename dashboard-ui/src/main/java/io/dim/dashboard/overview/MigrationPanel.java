package io.dim.dashboard.overview;

import java.util.Locale;

import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.grid.GridVariant;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.html.H3;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import tools.jackson.databind.JsonNode;

import io.dim.dashboard.api.ApiClient;

/** The migration queue by state, recent jobs, and failed tasks with their errors. */
class MigrationPanel extends VerticalLayout implements Panel {

	private final ApiClient api;

	private final Span queue = new Span();

	private final Grid<JsonNode> jobs = new Grid<>();

	private final Grid<JsonNode> failed = new Grid<>();

	MigrationPanel(ApiClient api) {
		this.api = api;
		setPadding(false);
		this.queue.setId("migration-queue");
		// Reasons, errors and messages are sentences: wrapped, so they can be read whole.
		this.jobs.addThemeVariants(GridVariant.LUMO_WRAP_CELL_CONTENT);
		this.failed.addThemeVariants(GridVariant.LUMO_WRAP_CELL_CONTENT);
		this.jobs.setAllRowsVisible(true);
		// Short columns keep their width; the sentence column takes the rest.
		this.jobs.addColumn((j) -> j.get("id").asLong()).setHeader("Job").setAutoWidth(true).setFlexGrow(0);
		this.jobs.addColumn((j) -> j.get("key").asString()).setHeader("Object").setAutoWidth(true).setFlexGrow(0);
		this.jobs.addColumn((j) -> j.get("state").asString()).setHeader("State").setAutoWidth(true).setFlexGrow(0);
		this.jobs.addColumn((j) -> j.get("targets").asString()).setHeader("Targets").setAutoWidth(true).setFlexGrow(0);
		this.jobs.addColumn((j) -> j.get("reason").asString()).setHeader("Why").setFlexGrow(1);
		this.failed.setAllRowsVisible(true);
		this.failed.setId("failed-tasks");
		this.failed
			.addColumn((t) -> t.get("kind").asString() + " " + t.get("key").asString() + " -> "
					+ t.get("target").asString())
			.setHeader("Task")
			.setAutoWidth(true)
			.setFlexGrow(0);
		this.failed.addColumn((t) -> t.get("attempts").asInt()).setHeader("Attempts").setAutoWidth(true).setFlexGrow(0);
		this.failed.addColumn((t) -> t.get("error").asString()).setHeader("Error").setFlexGrow(1);
		add(new H2("Migration"), this.queue, new H3("Recent jobs"), this.jobs, new H3("Failed tasks"), this.failed);
	}

	@Override
	public void refresh() {
		JsonNode status = this.api.get("/migrator/status");
		StringBuilder text = new StringBuilder("Queue:");
		status.get("tasksByState")
			.properties()
			.forEach((e) -> text.append(' ').append(e.getKey()).append(' ').append(e.getValue().asLong()));
		text.append(String.format(Locale.ROOT, " · oldest waiting %.0f s · %d copies (%s) in the last 5 min",
				status.get("oldestPendingSeconds").asDouble(), status.get("recentCopies").asLong(),
				Bytes.human(status.get("recentBytes").asLong())));
		long waitingForRead = status.path("copiesWaitingForRead").asLong();
		if (waitingForRead > 0) {
			text.append(String.format(Locale.ROOT, " · %d copies waiting for a read to carry them", waitingForRead));
		}
		if (status.get("deletesWaitForRecovery").asBoolean()) {
			JsonNode why = status.get("deletesWaitReason");
			text.append(" · deletes wait: ")
				.append((why != null && !why.isNull()) ? why.asString() : "an endpoint is failed");
		}
		this.queue.setText(text.toString());
		java.util.List<JsonNode> recent = new java.util.ArrayList<>();
		status.get("recentJobs").forEach(recent::add);
		this.jobs.setItems(recent);
		java.util.List<JsonNode> parked = new java.util.ArrayList<>();
		status.get("failedTasks").forEach(parked::add);
		this.failed.setItems(parked);
		// Auto widths are measured once; PENDING rows after DONE ones showed "PEN…".
		this.jobs.recalculateColumnWidths();
		this.failed.recalculateColumnWidths();
	}

}
