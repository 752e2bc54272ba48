package io.dim.dashboard.overview;

import java.util.function.Consumer;
import java.util.function.Function;
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
	static JsonNode run(Supplier<JsonNode> action, Function<JsonNode, String> success) {
		return run(action, success, (text) -> {
		});
	}

	/**
	 * Like {@link #run(Supplier, Function)}, and also hands the text shown to
	 * {@code outcome}, for panels that keep the outcome on the page.
	 */
	static JsonNode run(Supplier<JsonNode> action, Function<JsonNode, String> success, Consumer<String> outcome) {
		try {
			JsonNode answer = action.get();
			String text = success.apply(answer);
			show(text, NotificationVariant.SUCCESS);
			outcome.accept(text);
			return answer;
		}
		catch (ApiErrorException ex) {
			String text = "Refused (" + ex.status() + "): " + ex.getMessage();
			show(text, NotificationVariant.ERROR);
			outcome.accept(text);
		}
		catch (ApiUnavailableException ex) {
			show(ex.getMessage(), NotificationVariant.ERROR);
			outcome.accept(ex.getMessage());
		}
		return null;
	}

	static void show(String text, NotificationVariant variant) {
		Notification notification = Notification.show(text, 5000, Notification.Position.BOTTOM_END);
		notification.addThemeVariants(variant);
		notification.addClassName("dim-notification");
	}

}
