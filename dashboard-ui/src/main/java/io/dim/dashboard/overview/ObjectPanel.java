package io.dim.dashboard.overview;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.combobox.ComboBox;
import com.vaadin.flow.component.details.Details;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.html.ListItem;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.html.UnorderedList;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import tools.jackson.databind.JsonNode;

import io.dim.dashboard.api.ApiClient;
import io.dim.dashboard.security.CurrentUser;

/**
 * The object selector (lazy, searched by key on the server, so it stays fast on large
 * catalogues), Burst for the selected object, and "Why this tier?": the tier and its
 * source, the rationale from /explain in words, and the raw JSON.
 */
class ObjectPanel extends VerticalLayout implements Panel {

	private final ApiClient api;

	private final ComboBox<String> selector = new ComboBox<>("Object");

	private final Div why = new Div();

	/** What the refresh redraws: everything in "why" but the raw JSON. */
	private final Div explained = new Div();

	private final WrappedPre rawJson = new WrappedPre();

	/**
	 * The raw JSON, drawn once and only its text changed by a refresh: redrawing it
	 * closed a panel the reader had just opened when a refresh crossed the click.
	 */
	private final Details raw = new Details("Debug: the raw /explain JSON", this.rawJson);

	private final ChartView history = new ChartView(480, 120);

	ObjectPanel(ApiClient api, Runnable changed) {
		this.api = api;
		setPadding(false);
		this.selector.setId("object-selector");
		this.selector.setWidth("32em");
		this.selector
			.setItems((com.vaadin.flow.data.provider.CallbackDataProvider.FetchCallback<String, String>) (query) -> {
				int limit = Math.max(1, query.getLimit());
				int page = query.getOffset() / limit;
				List<String> keys = new ArrayList<>();
				api.get("/files?size=" + Math.min(limit, 1000) + "&page=" + page + "&q="
						+ encode(query.getFilter().orElse("")))
					.get("items")
					.forEach((item) -> keys.add(item.get("key").asString()));
				return keys.stream();
			});
		this.selector.addValueChangeListener((e) -> changed.run());
		this.why.setId("why-this-tier");
		this.raw.setVisible(false);
		this.why.add(this.explained, this.raw);
		Button burst = forSelected("Burst (100)", "burst", changed,
				(key) -> Feedback.run(() -> api.post("/simulate?key=" + encode(key) + "&events=100", null),
						(a) -> "100 reads of " + key + " sent through Kafka"));
		// Safe to offer always: api-service refuses while any bucket holds the key.
		Button forget = forSelected("Forget (removed from every bucket)", "forget-object", changed, (key) -> {
			if (Feedback.run(() -> api.post("/files/" + encode(key) + "/forget", null),
					(a) -> key + " forgotten: no bucket holds it any more") != null) {
				this.selector.clear();
			}
		});
		// Reads every replica back now, those found wrong included: after a person
		// restored one, its finding is cleared without waiting for the scrubber.
		Button check = forSelected("Check replicas", "check-replicas", changed, (key) -> Feedback
			.run(() -> api.post("/scrub?key=" + encode(key), null), (report) -> checked(key, report)));
		this.history.setId("heat-history");
		this.history.setVisible(false);
		add(new H2("Why this tier?"), new HorizontalLayout(this.selector, burst, check, forget), this.history,
				this.why);
	}

	/**
	 * A button acting on the selected object (disabled for viewers); it warns when none
	 * is selected, and refreshes the page after acting.
	 */
	private Button forSelected(String label, String id, Runnable changed, java.util.function.Consumer<String> action) {
		Button button = new Button(label, (e) -> {
			String key = this.selector.getValue();
			if (key == null) {
				Feedback.show("Select an object first",
						com.vaadin.flow.component.notification.NotificationVariant.WARNING);
				return;
			}
			action.accept(key);
			changed.run();
		});
		button.setId(id);
		CurrentUser.action(button);
		return button;
	}

	/** "a.csv: 2 replica(s) read back, 1 holds its bytes, 1 does not (reported)". */
	static String checked(String key, JsonNode report) {
		StringBuilder text = new StringBuilder(
				String.format(Locale.ROOT, "%s: %d replica(s) read back, %d hold its bytes", key,
						report.get("checked").asInt(), report.get("verified").asInt()));
		if (report.get("mismatched").asInt() > 0) {
			text.append(String.format(Locale.ROOT, ", %d do not (reported: the replica_mismatch alert)",
					report.get("mismatched").asInt()));
		}
		if (report.get("unreachable").asInt() > 0) {
			text.append(String.format(Locale.ROOT, ", %d could not be read (endpoint down)",
					report.get("unreachable").asInt()));
		}
		return text.toString();
	}

	@Override
	public void refresh() {
		this.explained.removeAll();
		String key = this.selector.getValue();
		if (key == null) {
			this.history.setVisible(false);
			this.raw.setVisible(false);
			this.explained.add(new Paragraph("Select an object to see where it lives and why."));
			return;
		}
		List<String> hours = new ArrayList<>();
		List<Long> reads = new ArrayList<>();
		for (JsonNode bucket : this.api.get("/files/" + encode(key) + "/history?buckets=48")) {
			hours.add(bucket.get("start").asString());
			reads.add(bucket.get("reads").asLong());
		}
		this.history.show("line", hours, "reads per history bucket (latest 48)", reads, List.of("#337ab7"));
		this.history.setVisible(true);
		JsonNode file = this.api.get("/files/" + encode(key));
		JsonNode explanation = this.api.get("/explain/" + encode(key));
		JsonNode tier = explanation.get("tier");
		Paragraph headline = new Paragraph(String.format(Locale.ROOT, "%s is %s (source: %s), heat %.2f, %d reads", key,
				tier.get("tier").asString(), shortSource(tier.get("source").asString()), file.get("heat").asDouble(),
				file.get("reads").asLong()));
		headline.addClassName("explain-tier");
		Paragraph replicas = new Paragraph(replicas(file.get("replicas")));
		replicas.addClassName("object-replicas");
		this.explained.add(headline, new Paragraph(tier.get("why").asString()), replicas);
		JsonNode chosen = explanation.get("chosen");
		this.explained.add(new Paragraph(String.format(Locale.ROOT,
				"Placement: %s, served from %s, %s over the %.0f-day horizon; %s", names(chosen.get("endpoints")),
				chosen.get("serving").asString(), Dollars.of(chosen.get("totalCost").asDouble()),
				explanation.get("horizonDays").asDouble(), explanation.get("why").asString())));
		JsonNode peak = explanation.get("peak");
		if (peak != null && !peak.isNull()) {
			Paragraph peaks = new Paragraph(String.format(Locale.ROOT, "Peaks served from %s: %s",
					chosen.get("peakServing").asString(), peak.get("why").asString()));
			peaks.addClassName("explain-peak");
			this.explained.add(peaks);
		}
		UnorderedList reasons = new UnorderedList();
		explanation.get("bindingConstraints").forEach((c) -> reasons.add(new ListItem(c.asString())));
		UnorderedList costs = new UnorderedList();
		costs.addClassName("endpoint-terms");
		for (JsonNode endpoint : explanation.get("endpoints")) {
			if (endpoint.hasNonNull("excludedBecause")) {
				reasons.add(new ListItem(endpoint.get("endpoint").asString() + " excluded: "
						+ endpoint.get("excludedBecause").asString()));
			}
			costs.add(new ListItem(String.format(Locale.ROOT,
					"%s: storage %s, egress %s, copying there %s over the horizon; %.0f ms, %s%s",
					endpoint.get("endpoint").asString(), Dollars.of(endpoint.get("storageCost").asDouble()),
					Dollars.of(endpoint.get("egressCost").asDouble()),
					Dollars.of(endpoint.get("transferCost").asDouble()), endpoint.get("latencyMs").asDouble(),
					endpoint.get("canServe").asBoolean() ? "may serve reads within the tier's latency bound"
							: "too slow to serve this tier",
					endpoint.get("holdsReplica").asBoolean() ? "; holds a replica" : "")));
		}
		JsonNode runnerUp = explanation.get("runnerUp");
		if (runnerUp != null && !runnerUp.isNull()) {
			reasons.add(new ListItem(String.format(Locale.ROOT, "runner-up %s would cost %s more",
					names(runnerUp.get("endpoints")), Dollars.of(explanation.get("runnerUpExtraCost").asDouble()))));
		}
		this.explained.add(reasons, new Paragraph("Cost terms per endpoint:"), costs);
		this.rawJson.setText(explanation.toPrettyString());
		this.raw.setVisible(true);
	}

	private static String encode(String text) {
		return URLEncoder.encode((text != null) ? text : "", StandardCharsets.UTF_8).replace("+", "%20");
	}

	/** A JSON array of endpoint names as people write it: {aws, azure}. */
	private static String names(JsonNode endpoints) {
		java.util.List<String> names = new java.util.ArrayList<>();
		endpoints.forEach((name) -> names.add(name.asString()));
		return "{" + String.join(", ", names) + "}";
	}

	/**
	 * The object's replicas as a sentence: where, in what state, when last verified, and
	 * which were found not to hold its bytes (reported, never rewritten: a person looks).
	 */
	static String replicas(JsonNode replicas) {
		List<String> each = new ArrayList<>();
		for (JsonNode replica : replicas) {
			String state = replica.get("state").asString();
			JsonNode verified = replica.get("verifiedAt");
			StringBuilder text = new StringBuilder(replica.get("endpoint").asString());
			if (!"VALID".equals(state)) {
				text.append(" (").append(state.toLowerCase(Locale.ROOT)).append(")");
			}
			else if (verified != null && !verified.isNull()) {
				String at = verified.asString();
				text.append(" verified ")
					.append(at.substring(0, Math.min(16, at.length())).replace('T', ' '))
					.append(" UTC");
			}
			else {
				// A bucket notification came while its endpoint did not answer.
				text.append(" unverified since a bucket notification (the scrubber reads it back first)");
			}
			if (replica.path("foundWrong").asBoolean(false)) {
				text.append(", FOUND NOT HOLDING THE OBJECT'S BYTES (other bytes or gone; see Alerts)");
			}
			each.add(text.toString());
		}
		return each.isEmpty() ? "Replicas: none" : "Replicas: " + String.join("; ", each);
	}

	/**
	 * The tier's source without its reason in brackets ("heat bands (ml-service not used:
	 * …)" reads "heat bands"): the paragraph under the headline gives the reason, once.
	 */
	static String shortSource(String source) {
		int reason = source.indexOf(" (");
		return (reason > 0) ? source.substring(0, reason) : source;
	}

}
