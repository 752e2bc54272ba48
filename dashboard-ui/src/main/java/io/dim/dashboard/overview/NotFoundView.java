package io.dim.dashboard.overview;

import com.vaadin.flow.component.html.H1;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.router.BeforeEnterEvent;
import com.vaadin.flow.router.ErrorParameter;
import com.vaadin.flow.router.HasErrorParameter;
import com.vaadin.flow.router.NotFoundException;
import com.vaadin.flow.router.PageTitle;
import com.vaadin.flow.router.RouterLink;
import com.vaadin.flow.server.HttpStatusCode;
import jakarta.annotation.security.PermitAll;

/**
 * What a signed-in user sees at an address that is not the dashboard (a mistyped
 * bookmark, say): which address, and the way back, instead of Vaadin's bare "Could not
 * navigate". A visitor who is not signed in is sent to the sign-in form first, and so
 * learns nothing about the site's pages.
 */
@PermitAll
@PageTitle("Not found · Data-in-Motion")
class NotFoundView extends VerticalLayout implements HasErrorParameter<NotFoundException> {

	private static final int MAX_PATH_SHOWN = 200;

	@Override
	public int setErrorParameter(BeforeEnterEvent event, ErrorParameter<NotFoundException> parameter) {
		String path = event.getLocation().getPath();
		if (path.length() > MAX_PATH_SHOWN) {
			path = path.substring(0, MAX_PATH_SHOWN) + "…";
		}
		Paragraph message = new Paragraph("No page at /" + path + ": everything Data-in-Motion shows is on one page.");
		message.setId("not-found");
		RouterLink back = new RouterLink("Back to the dashboard", OverviewView.class);
		back.setId("back-to-dashboard");
		removeAll();
		add(new H1("Data-in-Motion"), message, back);
		return HttpStatusCode.NOT_FOUND.getCode();
	}

}
