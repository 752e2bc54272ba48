package io.dim.dashboard.overview;

import java.util.Locale;

import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.orderedlayout.FlexLayout;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import tools.jackson.databind.JsonNode;

import io.dim.dashboard.api.ApiClient;

/**
 * Object count, bytes, the tier distribution (a bar per tier) and the monthly storage
 * cost now against every replica on the fastest endpoint; the hottest objects with their
 * heat as gauges.
 */
class HeadlinePanel extends VerticalLayout implements Panel {

	static final String HOT = "#d9534f";

	static final String WARM = "#f0ad4e";

	static final String COLD = "#5bc0de";

	private final ApiClient api;

	private final Span figures = new Span();

	private final Div tiers = new Div();

	private final Span cost = new Span();

	private final Div hottest = new Div();

	private final ChartView tierChart = new ChartView(220, 160);

	HeadlinePanel(ApiClient api) {
		this.api = api;
		setPadding(false);
		this.figures.addClassName("headline-figures");
		this.tiers.addClassName("tier-distribution");
		this.cost.addClassName("headline-cost");
		this.hottest.addClassName("heat-gauges");
		this.tierChart.setId("tier-chart");
		FlexLayout row = new FlexLayout(this.tierChart, this.tiers, this.hottest);
		row.getStyle().set("gap", "2em").set("flex-wrap", "wrap");
		add(new H2("Overview"), this.figures, this.cost, row);
	}

	@Override
	public void refresh() {
		long total = this.api.get("/files?size=1").get("total").asLong();
		JsonNode endpoints = this.api.get("/endpoints");
		long bytes = 0;
		double monthly = 0;
		double fastestCost = 0;
		double fastestLatency = Double.MAX_VALUE;
		for (JsonNode endpoint : endpoints) {
			bytes += endpoint.get("bytes").asLong();
			monthly += endpoint.get("bytes").asLong() / 1e9 * endpoint.get("costPerGb").asDouble();
			if (endpoint.get("latencyMs").asDouble() < fastestLatency) {
				fastestLatency = endpoint.get("latencyMs").asDouble();
				fastestCost = endpoint.get("costPerGb").asDouble();
			}
		}
		this.figures.setText(total + " objects · " + Bytes.human(bytes) + " stored across replicas");
		this.cost.setText("Monthly storage cost now " + Dollars.of(monthly)
				+ " · every replica on the fastest endpoint " + Dollars.of(bytes / 1e9 * fastestCost));
		this.tiers.removeAll();
		java.util.List<Long> counts = new java.util.ArrayList<>();
		for (String tier : new String[] { "hot", "warm", "cold" }) {
			long count = this.api.get("/files?size=1&tier=" + tier).get("total").asLong();
			counts.add(count);
			this.tiers.add(bar(tier, count, total));
		}
		this.tierChart.show("doughnut", java.util.List.of("hot", "warm", "cold"), "objects", counts,
				java.util.List.of(HOT, WARM, COLD));
		this.hottest.removeAll();
		for (JsonNode file : this.api.get("/files?sort=heat&size=5").get("items")) {
			if (file.get("heat").asDouble() > 0) {
				this.hottest.add(gauge(file.get("key").asString(), file.get("heat").asDouble()));
			}
		}
	}

	private static Div bar(String tier, long count, long total) {
		Div line = new Div();
		line.addClassName("tier-bar");
		line.getElement().setAttribute("data-tier", tier);
		Div fill = new Div();
		fill.getStyle()
			.set("width", (total > 0 ? 100.0 * count / total : 0) + "%")
			.set("height", "0.8em")
			.set("background", switch (tier) {
				case "hot" -> HOT;
				case "warm" -> WARM;
				default -> COLD;
			});
		Div track = new Div(fill);
		track.getStyle().set("width", "16em").set("background", "#eee");
		line.add(new Span(tier + " " + count), track);
		return line;
	}

	private static Div gauge(String key, double heat) {
		Div gauge = new Div();
		gauge.addClassName("heat-gauge");
		// A meter element: a gauge every browser draws, no chart library needed.
		com.vaadin.flow.dom.Element meter = new com.vaadin.flow.dom.Element("meter");
		meter.setAttribute("min", "0");
		meter.setAttribute("max", "100");
		meter.setAttribute("low", "2");
		meter.setAttribute("high", "20");
		meter.setAttribute("value", Double.toString(Math.min(heat, 100)));
		gauge.getElement().appendChild(meter);
		gauge.add(new Span(String.format(Locale.ROOT, " %.1f %s", heat, key)));
		return gauge;
	}

}
