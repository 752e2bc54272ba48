package io.dim.dashboard.overview;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Supplier;

import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.details.Details;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.component.radiobutton.RadioButtonGroup;
import com.vaadin.flow.component.select.Select;
import com.vaadin.flow.component.textfield.TextField;
import tools.jackson.databind.JsonNode;

import io.dim.dashboard.api.ApiClient;
import io.dim.dashboard.security.CurrentUser;

/**
 * Advanced Migration Tools: copy a key or a prefix from one endpoint to another with
 * rclone or s5cmd through {@code POST /tools/...}, and show what ran: the argv (secrets
 * redacted by api-service), the engine, bytes, duration and output. A run goes on in the
 * background, within {@code dim.dashboard.long-call-timeout}, its progress (objects and
 * bytes copied) shown as it comes.
 */
class ToolsPanel extends Details implements Panel {

	private final ApiClient api;

	private final Select<String> source = new Select<>();

	private final Select<String> target = new Select<>();

	private final RadioButtonGroup<String> kind = new RadioButtonGroup<>();

	private final TextField path = new TextField("Key or prefix");

	private final RadioButtonGroup<String> tool = new RadioButtonGroup<>();

	private final Div result = new Div();

	private final Button run = new Button("Run");

	ToolsPanel(ApiClient api) {
		super("Advanced Migration Tools");
		this.api = api;
		setId("tools");
		this.source.setLabel("Source");
		this.source.setId("tool-source");
		this.target.setId("tool-target");
		this.target.setLabel("Target");
		this.kind.setItems("key", "prefix");
		this.kind.setValue("key");
		this.tool.setItems("rclone", "s5cmd");
		this.tool.setValue("rclone");
		this.path.setWidth("24em");
		this.result.setId("tool-result");
		this.run.addClickListener((e) -> run());
		this.run.setId("tool-run");
		CurrentUser.action(this.run);
		VerticalLayout content = new VerticalLayout(new HorizontalLayout(this.source, this.target, this.tool),
				new HorizontalLayout(this.kind, this.path, this.run), this.result);
		content.setPadding(false);
		add(content);
	}

	@Override
	public void refresh() {
		if (this.source.getValue() != null) {
			return; // keep the user's choice
		}
		List<String> names = new ArrayList<>();
		this.api.get("/endpoints").forEach((e) -> names.add(e.get("name").asString()));
		this.source.setItems(names);
		this.target.setItems(names);
		if (names.size() >= 2) {
			this.source.setValue(names.get(0));
			this.target.setValue(names.get(1));
		}
	}

	private void run() {
		this.result.removeAll();
		if (this.path.getValue().isBlank()) {
			this.result.add(new Paragraph("Type a key or a prefix (ending in /) first"));
			return;
		}
		Map<String, String> body = new LinkedHashMap<>();
		body.put("source", this.source.getValue());
		body.put("target", this.target.getValue());
		body.put(this.kind.getValue(), this.path.getValue());
		String tool = this.tool.getValue();
		String running = "Running " + tool + ": copying " + this.path.getValue() + " from " + this.source.getValue()
				+ " to " + this.target.getValue();
		Paragraph status = new Paragraph(running + "...");
		status.setId("tool-progress");
		this.result.add(status);
		this.run.setEnabled(false);
		// A prefix copy may take minutes (up to dim.tools.timeout).
		BackgroundCall.start("tools", (steps) -> this.api.postWithProgress("/tools/" + tool, body, steps),
				(step) -> status.setText(running + ": " + progress(step)), (outcome) -> {
					this.run.setEnabled(true);
					show(outcome::get);
				});
	}

	/** "3/40 object(s), 1.2 MB of 9.8 MB". */
	static String progress(JsonNode step) {
		return String.format(Locale.ROOT, "%d/%d object(s), %s of %s", step.get("copied").asInt(),
				step.get("objects").asInt(), Bytes.human(step.get("bytes").asLong()),
				Bytes.human(step.get("totalBytes").asLong()));
	}

	/** "engine rclone · exit 0 · 3 object(s) copied, 1.2 MB · 0.84 s". */
	static String summary(JsonNode answer) {
		return String.format(Locale.ROOT, "engine %s · exit %d%s · %d object(s) copied%s, %s · %.2f s",
				answer.get("engine").asString(), answer.get("exitCode").asInt(),
				answer.get("timedOut").asBoolean() ? " (timed out)" : "", answer.get("objects").asInt(),
				unchanged(answer), Bytes.human(answer.get("bytes").asLong()), answer.get("seconds").asDouble());
	}

	/** ", 2 already the same on the target (left as they were)", or nothing. */
	static String unchanged(JsonNode answer) {
		int unchanged = answer.path("unchanged").asInt();
		return (unchanged == 0) ? ""
				: String.format(Locale.ROOT, ", %d already the same on the target (left as they were)", unchanged);
	}

	/** Shows the tool's run, or the refusal, on the page and as a notification. */
	private void show(Supplier<JsonNode> outcome) {
		this.result.removeAll();
		JsonNode answer = Feedback.run(outcome,
				(a) -> String.format(Locale.ROOT, "%s copied %d object(s)%s in %.1f s", a.get("engine").asString(),
						a.get("objects").asInt(), unchanged(a), a.get("seconds").asDouble()),
				(text) -> this.result.add(new Paragraph(text)));
		if (answer == null) {
			return; // the refusal stays on the page
		}
		this.result.removeAll();
		List<String> argv = new ArrayList<>();
		answer.get("argv").forEach((a) -> argv.add(a.asString()));
		this.result.add(new Paragraph(summary(answer)));
		this.result
			.add(new Paragraph("argv: " + (argv.isEmpty() ? "(built-in engine, no process)" : String.join(" ", argv))));
		this.result.add(new WrappedPre(answer.get("output").asString()));
	}

}
