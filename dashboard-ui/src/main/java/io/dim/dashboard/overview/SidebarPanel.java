package io.dim.dashboard.overview;

import java.util.ArrayList;
import java.util.List;
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
import io.dim.dashboard.security.CurrentUser;

/**
 * The toggle "Enforce encrypted destinations" and chaos controls per endpoint (fail,
 * recover, latency, flaky; clear all), with their current state.
 */
class SidebarPanel extends VerticalLayout implements Panel {

	private final ApiClient api;

	private final Checkbox enforce = new Checkbox("Enforce encrypted destinations");

	private final Span excluded = new Span();

	private final VerticalLayout chaos = new VerticalLayout();

	private final Map<String, ChaosControls> controls = new java.util.LinkedHashMap<>();

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
		CurrentUser.action(clear);
		CurrentUser.action(this.enforce);
		add(new H3("Policy"), this.enforce, this.excluded, new H3("Chaos"), this.chaos, clear);
	}

	@Override
	public void refresh() {
		JsonNode policy = this.api.get("/policy/security");
		this.updating = true;
		this.enforce.setValue(policy.get("enforceEncryption").asBoolean());
		this.updating = false;
		List<String> names = new ArrayList<>();
		policy.get("excludedEndpoints").forEach((name) -> names.add(name.asString()));
		this.excluded.setText(names.isEmpty() ? "" : "🔓 excluded: " + String.join(", ", names));
		for (JsonNode status : this.api.get("/chaos/status")) {
			String name = status.get("endpoint").asString();
			// Built once per endpoint and then only updated: what the user is typing, or
			// the button under the pointer, survives the refresh.
			this.controls.computeIfAbsent(name, (n) -> {
				ChaosControls created = new ChaosControls(n);
				this.chaos.add(created.box);
				return created;
			}).show(status);
		}
	}

	/** One endpoint's chaos controls. */
	private final class ChaosControls {

		final Div box = new Div();

		final Span state = new Span();

		final Button toggle = new Button();

		boolean failed;

		ChaosControls(String name) {
			this.box.addClassName("chaos-endpoint");
			this.box.getElement().setAttribute("data-endpoint", name);
			this.state.addClassName("chaos-state");
			this.toggle.addClassName("chaos-toggle");
			this.toggle.addClickListener((e) -> {
				String action = this.failed ? "recover" : "fail";
				boolean wasFailed = this.failed;
				Feedback.run(() -> SidebarPanel.this.api.post("/chaos/" + action + "/" + name, null),
						(a) -> name + (wasFailed ? " recovered" : " fails every S3 call now"));
				SidebarPanel.this.changed.run();
			});
			IntegerField latency = new IntegerField();
			latency.setPlaceholder("ms");
			latency.setWidth("6em");
			latency.setMin(0);
			latency.setMax(60000);
			Button setLatency = new Button("Latency", (e) -> {
				Integer ms = latency.getValue();
				Feedback.run(() -> SidebarPanel.this.api
					.post("/chaos/latency/" + name + "?ms=" + ((ms != null) ? ms : 0), null),
						(a) -> name + ": +" + a.get("latencyMs").asLong() + " ms per call");
				SidebarPanel.this.changed.run();
			});
			latency.addClassName("chaos-latency-ms");
			setLatency.addClassName("chaos-latency");
			NumberField rate = new NumberField();
			rate.setPlaceholder("0-1");
			rate.setWidth("6em");
			Button setFlaky = new Button("Flaky", (e) -> {
				Double value = rate.getValue();
				Feedback.run(
						() -> SidebarPanel.this.api
							.post("/chaos/flaky/" + name + "?rate=" + ((value != null) ? value : 0), null),
						(a) -> name + ": " + a.get("flakyRate").asDouble() + " of calls fail");
				SidebarPanel.this.changed.run();
			});
			rate.addClassName("chaos-flaky-rate");
			setFlaky.addClassName("chaos-flaky");
			List.of(this.toggle, setLatency, setFlaky).forEach(CurrentUser::action);
			CurrentUser.action(latency);
			CurrentUser.action(rate);
			this.box.add(this.state, new HorizontalLayout(this.toggle), new HorizontalLayout(latency, setLatency),
					new HorizontalLayout(rate, setFlaky));
		}

		void show(JsonNode status) {
			String name = status.get("endpoint").asString();
			this.failed = status.get("failed").asBoolean();
			this.state.setText(name + ": " + (this.failed ? "FAILED" : "answering")
					+ ((status.get("latencyMs").asLong() > 0) ? ", +" + status.get("latencyMs").asLong() + " ms" : "")
					+ ((status.get("flakyRate").asDouble() > 0) ? ", flaky " + status.get("flakyRate").asDouble()
							: ""));
			this.toggle.setText(this.failed ? "Recover" : "Fail");
		}

	}

}
