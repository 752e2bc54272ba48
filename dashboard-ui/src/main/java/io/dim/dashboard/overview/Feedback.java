package io.dim.dashboard.overview;

import java.util.function.Supplier;

import com.vaadin.flow.component.notification.Notification;
import com.vaadin.flow.component.notification.NotificationVariant;
import tools.jackson.databind.JsonNode;

import io.dim.dashboard.api.ApiErrorException;
import io.dim.dashboard.api.ApiUnavailableException;

/** Runs an action against the API and tells the user how it went, in a notification. */
final class Feedback {

	private Feedback() {
	}

	/**
	 * @param action the call
	 * @param success what to say when it worked, from its answer
	 * @return the answer, or null when it failed (already reported)
	 */
	static JsonNode run(Supplier<JsonNode> action, java.util.function.Function<JsonNode, String> success) {
		try {
			JsonNode answer = action.get();
			show(success.apply(answer), NotificationVariant.SUCCESS);
			return answer;
		}
		catch (ApiErrorException ex) {
			show("Refused (" + ex.status() + "): " + ex.getMessage(), NotificationVariant.ERROR);
		}
		catch (ApiUnavailableException ex) {
			show(ex.getMessage(), NotificationVariant.ERROR);
		}
		return null;
	}

	static void show(String text, NotificationVariant variant) {
		Notification notification = Notification.show(text, 5000, Notification.Position.BOTTOM_END);
		notification.addThemeVariants(variant);
		notification.addClassName("dim-notification");
	}

}
