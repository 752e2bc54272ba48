package io.dim.dashboard.overview;

import java.util.Locale;

import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.H1;
import com.vaadin.flow.component.html.H3;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.orderedlayout.FlexLayout;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.router.PageTitle;
import com.vaadin.flow.router.Route;

import io.dim.dashboard.api.ApiClient;
import io.dim.dashboard.api.ApiUnavailableException;
import io.dim.dashboard.api.Overview;

/**
 * The start page: headline figures and one card per endpoint. The full dashboard grows
 * here.
 */
@Route("")
@PageTitle("Data-in-Motion")
class OverviewView extends VerticalLayout {

	OverviewView(ApiClient api) {
		add(new H1("Data-in-Motion"));
		try {
			Overview overview = api.overview();
			add(new Paragraph(
					overview.objects() + " objects · " + humanBytes(overview.bytes()) + " stored across replicas"));
			FlexLayout cards = new FlexLayout();
			cards.setFlexWrap(FlexLayout.FlexWrap.WRAP);
			cards.getStyle().set("gap", "1em");
			overview.endpoints().forEach((endpoint) -> cards.add(card(endpoint)));
			add(cards);
		}
		catch (ApiUnavailableException ex) {
			Paragraph error = new Paragraph("Cannot reach api-service at " + api.apiUrl()
					+ ". Start it (scripts/dev-up) and reload this page.");
			error.addClassName("api-error");
			add(error);
		}
	}

	private static Div card(Overview.Endpoint endpoint) {
		Div card = new Div();
		card.addClassName("endpoint-card");
		card.getStyle().set("border", "1px solid #ccc").set("border-radius", "8px").set("padding", "0.5em 1em");
		card.add(new H3((endpoint.encrypted() ? "🔒 " : "🔓 ") + endpoint.name()));
		card.add(new Span((endpoint.encrypted() ? "encrypted" : "unencrypted") + " · " + endpoint.health()));
		card.add(new Paragraph(String.format(Locale.ROOT, "%.0f ms · $%.3f/GB-month · %d objects · %s",
				endpoint.latencyMs(), endpoint.costPerGb(), endpoint.objects(), humanBytes(endpoint.bytes()))));
		return card;
	}

	static String humanBytes(long bytes) {
		if (bytes < 1024) {
			return bytes + " B";
		}
		int unit = (int) (Math.log(bytes) / Math.log(1024));
		return String.format(Locale.ROOT, "%.1f %sB", bytes / Math.pow(1024, unit), "KMGTPE".charAt(unit - 1));
	}

}
