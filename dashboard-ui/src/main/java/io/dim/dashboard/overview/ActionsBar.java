package io.dim.dashboard.overview;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Consumer;
import java.util.function.Function;

import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.notification.NotificationVariant;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.progressbar.ProgressBar;
import tools.jackson.databind.JsonNode;

import io.dim.dashboard.api.ApiClient;
import io.dim.dashboard.api.ApiErrorException;
import io.dim.dashboard.api.ApiUnavailableException;
import io.dim.dashboard.security.CurrentUser;

/**
 * Chaos Spike, Re-optimize All (with progress), Migrator Tick, Migrator Drain (with
 * progress) and Clear Failed Tasks. Re-optimize All, Migrator Tick and Migrator Drain run
 * off the request thread and report through the page's polling.
 */
class ActionsBar extends HorizontalLayout {

	private final ApiClient api;

	private final Runnable changed;

	private final ProgressBar progress = new ProgressBar();

	private final Span progressText = new Span();

	ActionsBar(ApiClient api, Runnable changed) {
		this.api = api;
		this.changed = changed;
		setAlignItems(Alignment.BASELINE);
		this.progress.setVisible(false);
		this.progress.setWidth("12em");
		this.progressText.setId("action-progress");
		Button spike = new Button("Chaos Spike", (e) -> spike());
		spike.setId("chaos-spike");
		Button optimize = new Button("Re-optimize All",
				(e) -> longRun("Re-optimize All", (steps) -> api.postWithProgress("/optimize", steps)));
		optimize.setId("reoptimize-all");
		// One round copies up to dim.migrator.tasks-per-tick objects: minutes for large
		// ones, so it runs like the long actions (without progress lines of its own).
		Button tick = new Button("Migrator Tick",
				(e) -> longRun("Migrator Tick", (steps) -> api.postLong("/migrator/tick", null)));
		tick.setId("migrator-tick");
		Button drain = new Button("Migrator Drain", (e) -> longRun("Migrator Drain",
				(steps) -> api.postWithProgress("/migrator/drain?timeoutSeconds=120", steps)));
		drain.setId("migrator-drain");
		Button clear = new Button("Clear Failed Tasks", (e) -> {
			report(Feedback.run(() -> api.post("/migrator/clear-failed", null),
					(a) -> "Clear Failed Tasks done: " + ActionOutcome.describe(a)), "Clear Failed Tasks");
			changed.run();
		});
		clear.setId("clear-failed");
		List.of(spike, optimize, tick, drain, clear).forEach(CurrentUser::action);
		add(spike, optimize, tick, drain, clear, this.progress, this.progressText);
	}

	/** A traffic spike: 100 reads for each of ten objects, through Kafka. */
	private void spike() {
		List<String> keys = new ArrayList<>();
		try {
			this.api.get("/files?size=10&sort=size").get("items").forEach((i) -> keys.add(i.get("key").asString()));
			for (String key : keys) {
				this.api.post("/simulate?key="
						+ java.net.URLEncoder.encode(key, java.nio.charset.StandardCharsets.UTF_8).replace("+", "%20")
						+ "&events=100", null);
			}
			String done = "Chaos Spike done: 100 reads for each of " + keys.size() + " objects sent through Kafka";
			Feedback.show(done, NotificationVariant.SUCCESS);
			this.progressText.setText(done);
		}
		catch (ApiErrorException | ApiUnavailableException ex) {
			Feedback.show("Chaos Spike failed: " + ex.getMessage(), NotificationVariant.ERROR);
			this.progressText.setText("Chaos Spike failed: " + ex.getMessage());
		}
		this.changed.run();
	}

	/**
	 * Runs a long action in the background; the page's polling brings its progress
	 * (refreshed once a second meanwhile) and the result notification. {@code call} gets
	 * where to send progress lines, if the action has any.
	 */
	private void longRun(String label, Function<Consumer<JsonNode>, JsonNode> call) {
		this.progress.setVisible(true);
		this.progress.setIndeterminate(true);
		this.progressText.setText(label + " running...");
		BackgroundCall.start(label, call, (step) -> showProgress(label, step), (outcome) -> {
			String text = (outcome.failure() == null) ? label + " done: " + ActionOutcome.describe(outcome.answer())
					: label + " failed: " + outcome.failure().getMessage();
			this.progress.setVisible(false);
			this.progressText.setText(text);
			Feedback.show(text, (outcome.failure() == null) ? NotificationVariant.SUCCESS : NotificationVariant.ERROR);
			this.changed.run();
		});
	}

	/** Keeps the last action's outcome on the page next to the buttons. */
	private void report(JsonNode answer, String label) {
		this.progressText.setText((answer != null) ? label + " done: " + ActionOutcome.describe(answer)
				: label + " failed (see the notification)");
	}

	/** Re-optimize All reports evaluated/total; Drain reports rounds and what is left. */
	private void showProgress(String label, JsonNode step) {
		if (step.has("evaluated") && step.get("total").asLong() > 0) {
			this.progress.setIndeterminate(false);
			this.progress.setValue(Math.min(1, step.get("evaluated").asDouble() / step.get("total").asDouble()));
			this.progressText.setText(String.format(Locale.ROOT, "%s: %d/%d evaluated, %d to move", label,
					step.get("evaluated").asLong(), step.get("total").asLong(), step.get("changed").asLong()));
		}
		else if (step.has("round")) {
			this.progressText.setText(String.format(Locale.ROOT, "%s: round %d, %d task(s) and job(s) left", label,
					step.get("round").asLong(), step.get("remaining").asLong()));
		}
	}

}
