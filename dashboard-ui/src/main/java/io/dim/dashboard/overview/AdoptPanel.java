package io.dim.dashboard.overview;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.details.Details;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.component.select.Select;
import com.vaadin.flow.component.textfield.TextField;
import tools.jackson.databind.JsonNode;

import io.dim.dashboard.api.ApiClient;
import io.dim.dashboard.security.CurrentUser;

/**
 * Adopt the objects already in an endpoint's bucket ({@code POST /admin/adopt}): each
 * object DIM does not manage yet is read, hashed, recorded and placed. Runs in the
 * background, counting what it found as it goes.
 */
class AdoptPanel extends Details implements Panel {

	private final ApiClient api;

	private final Select<String> endpoint = new Select<>();

	private final TextField prefix = new TextField("Prefix (empty: the whole bucket)");

	private final Paragraph result = new Paragraph();

	private final Button run = new Button("Adopt");

	AdoptPanel(ApiClient api) {
		super("Adopt objects already in a bucket");
		this.api = api;
		setId("adopt");
		this.endpoint.setLabel("Endpoint");
		this.endpoint.setId("adopt-endpoint");
		this.prefix.setId("adopt-prefix");
		this.prefix.setWidth("24em");
		this.result.setId("adopt-result");
		this.run.setId("adopt-run");
		this.run.addClickListener((e) -> adopt());
		CurrentUser.action(this.run);
		VerticalLayout content = new VerticalLayout(new HorizontalLayout(this.endpoint, this.prefix, this.run),
				this.result);
		content.setPadding(false);
		add(content);
	}

	@Override
	public void refresh() {
		if (this.endpoint.getValue() != null) {
			return; // keep the user's choice
		}
		List<String> names = new ArrayList<>();
		this.api.get("/endpoints").forEach((e) -> names.add(e.get("name").asString()));
		this.endpoint.setItems(names);
		if (!names.isEmpty()) {
			this.endpoint.setValue(names.get(0));
		}
	}

	private void adopt() {
		String from = this.endpoint.getValue();
		String under = this.prefix.getValue();
		String where = from + (under.isEmpty() ? "" : " under \"" + under + "\"");
		this.result.setText("Adopting from " + where + "...");
		this.run.setEnabled(false);
		Tally tally = new Tally();
		BackgroundCall.start("adopt",
				(steps) -> this.api
					.postWithProgress("/admin/adopt?endpoint=" + encode(from) + "&prefix=" + encode(under), steps),
				(step) -> this.result.setText("Adopting from " + where + ": " + tally.add(step)), (outcome) -> {
					this.run.setEnabled(true);
					Feedback.run(outcome::get, (report) -> summary(report, where), this.result::setText);
				});
	}

	/**
	 * "Adopted 3 of 40 object(s) listed on azure (37 known, 0 conflict(s)), 1.2 MB read;
	 * 3 placement job(s), 1.3 s".
	 */
	static String summary(JsonNode report, String where) {
		return String.format(Locale.ROOT,
				"Adopted %d of %d object(s) listed on %s (%d known, %d conflict(s)), %s read; %d placement job(s), %.1f s",
				report.get("adopted").asInt(), report.get("listed").asInt(), where, report.get("known").asInt(),
				report.get("conflicts").asInt(), Bytes.human(report.get("bytes").asLong()),
				report.get("jobsCreated").asInt(), report.get("seconds").asDouble());
	}

	private static String encode(String text) {
		return URLEncoder.encode(text, StandardCharsets.UTF_8).replace("+", "%20");
	}

	/** Counts the progress lines by what happened to each object. */
	static final class Tally {

		private int adopted;

		private int known;

		private int conflicts;

		/**
		 * Counts one line; says where the adoption is: "12 looked at: 3 adopted, 9 known,
		 * 0 conflict(s); last a/b.csv".
		 */
		String add(JsonNode step) {
			switch (step.get("action").asString()) {
				case "adopted" -> this.adopted++;
				case "conflict" -> this.conflicts++;
				default -> this.known++;
			}
			return String.format(Locale.ROOT, "%d looked at: %d adopted, %d known, %d conflict(s); last %s",
					step.get("done").asInt(), this.adopted, this.known, this.conflicts, step.get("key").asString());
		}

	}

}
