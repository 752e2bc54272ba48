package io.dim.dashboard.overview;

import java.util.HashMap;
import java.util.HashSet;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.html.H3;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.orderedlayout.FlexLayout;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import tools.jackson.databind.JsonNode;

import io.dim.dashboard.api.ApiClient;

/**
 * One card per endpoint: 🔒/🔓, latency, cost, health, objects, bytes, chaos state, and
 * whether the encryption policy excludes it.
 */
class EndpointsPanel extends VerticalLayout implements Panel {

	private final ApiClient api;

	private final FlexLayout cards = new FlexLayout();

	EndpointsPanel(ApiClient api) {
		this.api = api;
		setPadding(false);
		this.cards.setFlexWrap(FlexLayout.FlexWrap.WRAP);
		this.cards.getStyle().set("gap", "1em");
		add(new H2("Endpoints"), this.cards);
	}

	@Override
	public void refresh() {
		JsonNode endpoints = this.api.get("/endpoints");
		Map<String, JsonNode> chaos = new HashMap<>();
		this.api.get("/chaos/status").forEach((status) -> chaos.put(status.get("endpoint").asString(), status));
		Set<String> excluded = new HashSet<>();
		this.api.get("/policy/security").get("excludedEndpoints").forEach((name) -> excluded.add(name.asString()));
		this.cards.removeAll();
		for (JsonNode endpoint : endpoints) {
			String name = endpoint.get("name").asString();
			this.cards.add(card(endpoint, chaos.get(name), excluded.contains(name)));
		}
	}

	private static Div card(JsonNode endpoint, JsonNode chaos, boolean excluded) {
		String name = endpoint.get("name").asString();
		boolean encrypted = endpoint.get("encrypted").asBoolean();
		boolean failed = chaos != null && chaos.get("failed").asBoolean();
		String health = failed ? "DOWN" : endpoint.get("health").asString();
		Div card = new Div();
		card.addClassName("endpoint-card");
		card.getElement().setAttribute("data-endpoint", name);
		card.getElement().setAttribute("data-health", health);
		card.getElement().setAttribute("data-excluded", Boolean.toString(excluded));
		card.getStyle()
			.set("border", "1px solid " + ("UP".equals(health) ? "#ccc" : "#d9534f"))
			.set("border-radius", "8px")
			.set("padding", "0.5em 1em")
			.set("opacity", excluded ? "0.6" : "1");
		// The padlock for the eye, the words for everyone (and for a browser without an
		// emoji font).
		card.add(new H3((encrypted ? "🔒 " : "🔓 ") + name));
		JsonNode error = endpoint.get("healthError");
		String why = failed ? " (chaos: failed)"
				: (error != null && !error.isNull() && !"UP".equals(health)) ? " (" + error.asString() + ")" : "";
		Span state = new Span(
				health + why + (excluded ? " · excluded: unencrypted while encrypted destinations are enforced" : ""));
		state.addClassName("endpoint-state");
		card.add(state);
		card.add(new Paragraph(String.format(Locale.ROOT, "%.0f ms · $%.3f/GB-month · %s · %d objects · %s",
				endpoint.get("latencyMs").asDouble(), endpoint.get("costPerGb").asDouble(),
				encrypted ? "encrypted" : "not encrypted", endpoint.get("objects").asLong(),
				Bytes.human(endpoint.get("bytes").asLong()))));
		if (chaos != null && (chaos.get("latencyMs").asLong() > 0 || chaos.get("flakyRate").asDouble() > 0)) {
			card.add(new Paragraph(String.format(Locale.ROOT, "chaos: +%d ms, %.0f%% of calls fail",
					chaos.get("latencyMs").asLong(), chaos.get("flakyRate").asDouble() * 100)));
		}
		return card;
	}

}
