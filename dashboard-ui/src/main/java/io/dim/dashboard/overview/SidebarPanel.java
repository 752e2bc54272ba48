package io.dim.dashboard.overview;

import java.util.Map;

import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.checkbox.Checkbox;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.H3;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.component.textfield.IntegerField;
import com.vaadin.flow.component.textfield.NumberField;
import tools.jackson.databind.JsonNode;

import io.dim.dashboard.api.ApiClient;

/**
 * The toggle "Enforce encrypted destinations" and chaos controls per endpoint (fail,
 * recover, latency, flaky; clear all), with their current state.
 */
class SidebarPanel extends VerticalLayout implements Panel {

	private final ApiClient api;

	private final Checkbox enforce = new Checkbox("Enforce encrypted destinations");

	private final Span excluded = new Span();

	private final VerticalLayout chaos = new VerticalLayout();

	private final Runnable changed;

	private boolean updating;

	SidebarPanel(ApiClient api, Runnable changed) {
		this.api = api;
		this.changed = changed;
		setWidth("22em");
		this.enforce.setId("enforce-encryption");
		this.enforce.addValueChangeListener((event) -> {
			if (this.updating || !event.isFromClient()) {
				return;
			}
			Feedback.run(() -> api.post("/policy/security", Map.of("enforceEncryption", event.getValue())),
					(answer) -> "Encrypted destinations " + (answer.get("enforceEncryption").asBoolean()
							? "enforced; excluded: " + answer.get("excludedEndpoints") : "no longer enforced"));
			this.changed.run();
		});
		this.excluded.addClassName("policy-excluded");
		this.chaos.setPadding(false);
		Button clear = new Button("Clear all chaos", (e) -> {
			Feedback.run(() -> api.post("/chaos/clear", null), (a) -> "Every injected fault removed");
			this.changed.run();
		});
		clear.setId("chaos-clear");
		add(new H3("Policy"), this.enforce, this.excluded, new H3("Chaos"), this.chaos, clear);
	}

	@Override
	public void refresh() {
		JsonNode policy = this.api.get("/policy/security");
		this.updating = true;
		this.enforce.setValue(policy.get("enforceEncryption").asBoolean());
		this.updating = false;
		this.excluded.setText(policy.get("excludedEndpoints").isEmpty() ? "" : "🔓 excluded: "
				+ String.join(", ", policy.get("excludedEndpoints").valueStream().map(JsonNode::asString).toList()));
		this.chaos.removeAll();
		for (JsonNode status : this.api.get("/chaos/status")) {
			this.chaos.add(controls(status));
		}
	}

	private Div controls(JsonNode status) {
		String name = status.get("endpoint").asString();
		boolean failed = status.get("failed").asBoolean();
		Div box = new Div();
		box.addClassName("chaos-endpoint");
		box.getElement().setAttribute("data-endpoint", name);
		Span state = new Span(name + ": " + (failed ? "FAILED" : "answering")
				+ ((status.get("latencyMs").asLong() > 0) ? ", +" + status.get("latencyMs").asLong() + " ms" : "")
				+ ((status.get("flakyRate").asDouble() > 0) ? ", flaky " + status.get("flakyRate").asDouble() : ""));
		state.addClassName("chaos-state");
		Button fail = new Button(failed ? "Recover" : "Fail", (e) -> {
			String action = failed ? "recover" : "fail";
			Feedback.run(() -> this.api.post("/chaos/" + action + "/" + name, null),
					(a) -> name + (failed ? " recovered" : " fails every S3 call now"));
			this.changed.run();
		});
		fail.addClassName("chaos-toggle");
		IntegerField latency = new IntegerField();
		latency.setPlaceholder("ms");
		latency.setWidth("6em");
		latency.setMin(0);
		latency.setMax(60000);
		Button setLatency = new Button("Latency", (e) -> {
			Integer ms = latency.getValue();
			Feedback.run(() -> this.api.post("/chaos/latency/" + name + "?ms=" + ((ms != null) ? ms : 0), null),
					(a) -> name + ": +" + a.get("latencyMs").asLong() + " ms per call");
			this.changed.run();
		});
		NumberField rate = new NumberField();
		rate.setPlaceholder("0-1");
		rate.setWidth("6em");
		Button setFlaky = new Button("Flaky", (e) -> {
			Double value = rate.getValue();
			Feedback.run(() -> this.api.post("/chaos/flaky/" + name + "?rate=" + ((value != null) ? value : 0), null),
					(a) -> name + ": " + a.get("flakyRate").asDouble() + " of calls fail");
			this.changed.run();
		});
		box.add(state, new HorizontalLayout(fail), new HorizontalLayout(latency, setLatency),
				new HorizontalLayout(rate, setFlaky));
		return box;
	}

}
