package io.dim.dashboard.overview;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.details.Details;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.html.Pre;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.component.progressbar.ProgressBar;
import com.vaadin.flow.component.textfield.IntegerField;
import io.dim.dashboard.api.ApiClient;
import io.dim.dashboard.api.ApiErrorException;
import tools.jackson.databind.JsonNode;

/**
 * "What if": {@code GET /whatif} on the last days of history, as a table of each policy's
 * cost split, SLA share and moves, and a bar chart of the totals. It is a read (viewers
 * may run it) and runs in the background, showing ml-service's progress: it trains a
 * forecaster first.
 */
class WhatIfPanel extends VerticalLayout implements Panel {

	private final ApiClient api;

	private final IntegerField days = new IntegerField("Days of history");

	private final IntegerField slaMs = new IntegerField("SLA (ms)");

	private final IntegerField replicas = new IntegerField("Replicas");

	private final Button run = new Button("Compare policies");

	private final ProgressBar progress = new ProgressBar();

	private final Span outcome = new Span();

	private final Grid<JsonNode> grid = new Grid<>();

	private final ChartView chart = new ChartView(520, 220);

	/**
	 * Every progress line of the last run (the forecaster's training and check, each
	 * policy's replay), kept after it ends: how dim was trained on this history.
	 */
	private final Pre log = new WrappedPre();

	private final Details logDetails = new Details("Replay log", this.log);

	/**
	 * dim's total over each other policy's, from the last report ("0.992": dim 0.8%
	 * cheaper).
	 */
	private java.util.Map<String, String> dimRelative = java.util.Map.of();

	WhatIfPanel(ApiClient api) {
		this.api = api;
		setPadding(false);
		this.days.setId("whatif-days");
		this.days.setValue(7);
		this.days.setMin(1);
		this.days.setMax(90);
		this.days.setStepButtonsVisible(true);
		// Empty: the deployment's SLA_LATENCY_MS and REPLICATION_FACTOR.
		this.slaMs.setId("whatif-sla");
		this.slaMs.setPlaceholder("deployment's");
		this.slaMs.setMin(1);
		this.slaMs.setMax(60_000);
		this.replicas.setId("whatif-replicas");
		this.replicas.setPlaceholder("deployment's");
		this.replicas.setMin(1);
		this.run.setId("whatif-run");
		this.run.addClickListener((e) -> compare());
		this.progress.setIndeterminate(true);
		this.progress.setVisible(false);
		this.progress.setWidth("12em");
		this.outcome.setId("whatif-outcome");
		this.grid.setId("whatif");
		this.grid.setAllRowsVisible(true);
		this.grid.addColumn((r) -> r.get("policy").asString()).setHeader("Policy").setAutoWidth(true);
		this.grid.addColumn((r) -> money(r, "total")).setHeader("Total $").setAutoWidth(true);
		this.grid.addColumn((r) -> money(r, "storageCost")).setHeader("Storage").setAutoWidth(true);
		this.grid.addColumn((r) -> money(r, "egressCost")).setHeader("Egress").setAutoWidth(true);
		this.grid.addColumn((r) -> money(r, "transferCost")).setHeader("Transfer").setAutoWidth(true);
		this.grid.addColumn((r) -> money(r, "requestCost")).setHeader("Requests").setAutoWidth(true);
		this.grid.addColumn((r) -> percent(r, "readsOutsideSla")).setHeader("Reads outside SLA").setAutoWidth(true);
		this.grid.addColumn((r) -> r.get("moves").asLong()).setHeader("Moves").setAutoWidth(true);
		// Copies reads carried (no egress of their own): why dim's transfer cost is low.
		this.grid.addColumn((r) -> r.path("copiesOnReads").asLong())
			.setHeader("Copies carried by reads")
			.setAutoWidth(true);
		this.grid.addColumn((r) -> this.dimRelative.getOrDefault(r.get("policy").asString(), ""))
			.setHeader("dim ÷ this")
			.setAutoWidth(true);
		this.chart.setId("whatif-chart");
		this.chart.setVisible(false);
		this.log.setId("whatif-log");
		this.logDetails.setId("whatif-log-details");
		this.logDetails.setVisible(false);
		HorizontalLayout controls = new HorizontalLayout(this.days, this.slaMs, this.replicas, this.run, this.progress);
		controls.setAlignItems(Alignment.BASELINE);
		add(new H2("What if"), controls, this.outcome, this.grid, this.chart, this.logDetails);
	}

	@Override
	public void refresh() {
		// Runs on demand only: a comparison trains a model and replays every policy.
	}

	private void compare() {
		Integer value = this.days.getValue();
		if (value == null || value < 1 || value > 90) {
			this.outcome.setText("Days of history: a whole number from 1 to 90");
			return;
		}
		Integer sla = this.slaMs.getValue();
		if (this.slaMs.isInvalid() || (sla != null && (sla < 1 || sla > 60_000))) {
			this.outcome.setText("SLA (ms): empty for the deployment's, or a whole number from 1 to 60000");
			return;
		}
		Integer copies = this.replicas.getValue();
		if (this.replicas.isInvalid() || (copies != null && copies < 1)) {
			this.outcome.setText("Replicas: empty for the deployment's, or a whole number from 1");
			return;
		}
		String query = "/whatif?days=" + value + ((sla != null) ? "&slaMs=" + sla : "")
				+ ((copies != null) ? "&replicas=" + copies : "");
		this.run.setEnabled(false);
		this.progress.setVisible(true);
		String comparing = "Comparing policies on the last " + value + " day(s): ";
		this.outcome.setText(comparing + "ml-service trains the forecaster and replays each policy...");
		this.log.setText("");
		this.logDetails.setVisible(true);
		// It may take tens of seconds; ml-service's progress ("heat-bands: 40% of 120000
		// events") shows as it comes.
		BackgroundCall.start("whatif", (steps) -> this.api.getWithProgress(query, steps), (step) -> {
			this.outcome.setText(comparing + step.asString());
			this.log.setText(this.log.getText() + step.asString() + "\n");
		}, (result) -> {
			this.progress.setVisible(false);
			this.run.setEnabled(true);
			if (result.failure() instanceof ApiErrorException ex) {
				this.outcome.setText("Refused (" + ex.status() + "): " + ex.getMessage());
			}
			else if (result.failure() != null) {
				this.outcome.setText(result.failure().getMessage());
			}
			else {
				this.outcome.setText(summary(result.answer()));
				show(result.answer());
			}
		});
	}

	private void show(JsonNode report) {
		List<JsonNode> rows = new ArrayList<>();
		List<String> labels = new ArrayList<>();
		List<Double> totals = new ArrayList<>();
		List<String> colors = new ArrayList<>();
		for (JsonNode result : report.get("results")) {
			rows.add(result);
			labels.add(result.get("policy").asString());
			totals.add(total(result));
			colors.add("dim".equals(result.get("policy").asString()) ? "#2e7d32" : "#90a4ae");
		}
		java.util.Map<String, String> relative = new java.util.HashMap<>();
		JsonNode ratios = report.get("dimRelative");
		if (ratios != null) {
			ratios.properties()
				.forEach((entry) -> relative.put(entry.getKey(),
						String.format(Locale.ROOT, "%.3f", entry.getValue().asDouble())));
		}
		this.dimRelative = relative;
		this.grid.setItems(rows);
		this.grid.recalculateColumnWidths();
		this.chart.show("bar", labels, "Total cost ($)", totals, colors);
		this.chart.setVisible(true);
	}

	private static String summary(JsonNode report) {
		JsonNode cheapest = report.get("cheapestWithinSla");
		return String.format(Locale.ROOT,
				"%d accesses on %d objects, costs from %s to %s, SLA %.0f ms on %d replicas. Cheapest with under 1%% of "
						+ "reads outside the SLA: %s. Forecaster: %s",
				report.get("events").asLong(), report.get("objects").asLong(), report.get("evaluatedFrom").asString(),
				report.get("to").asString(), report.get("slaLatencyMs").asDouble(),
				report.get("replicationFactor").asInt(),
				(cheapest == null || cheapest.isNull()) ? "none" : cheapest.asString(),
				(report.get("forecaster") == null || report.get("forecaster").isNull()) ? "not used"
						: report.get("forecaster").asString())
				+ forecastCheck(report.get("forecastCheck"));
	}

	/** How dim's forecasts held up on the evaluated period, when it had a forecaster. */
	private static String forecastCheck(JsonNode check) {
		if (check == null || check.isNull()) {
			return "";
		}
		return String.format(Locale.ROOT,
				". Its forecasts of %s on the evaluated period: %d, %d came true; ROC AUC %s (the heat alone %s); "
						+ "at the pre-warm threshold %.2f precision %.2f, recall %.2f",
				check.get("forecastOf").asString(), check.get("forecasts").asLong(), check.get("cameTrue").asLong(),
				auc(check.get("rocAuc")), auc(check.get("heatBandsRocAuc")), check.get("threshold").asDouble(),
				check.get("precision").asDouble(), check.get("recall").asDouble());
	}

	private static String auc(JsonNode value) {
		return (value == null || value.isNull()) ? "n/a" : String.format(Locale.ROOT, "%.3f", value.asDouble());
	}

	private static double total(JsonNode result) {
		return result.get("storageCost").asDouble() + result.get("egressCost").asDouble()
				+ result.get("transferCost").asDouble() + result.get("requestCost").asDouble();
	}

	private static String money(JsonNode result, String field) {
		double value = field.equals("total") ? total(result) : result.get(field).asDouble();
		return String.format(Locale.ROOT, "%.4f", value);
	}

	private static String percent(JsonNode result, String field) {
		long reads = result.get("reads").asLong();
		return (reads == 0) ? "-" : String.format(Locale.ROOT, "%.3f%%", 100.0 * result.get(field).asLong() / reads);
	}

}
