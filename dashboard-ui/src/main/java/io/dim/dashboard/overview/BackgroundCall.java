package io.dim.dashboard.overview;

import java.util.function.Consumer;
import java.util.function.Function;

import com.vaadin.flow.component.UI;
import tools.jackson.databind.JsonNode;

import org.springframework.security.concurrent.DelegatingSecurityContextRunnable;

import io.dim.dashboard.api.ApiErrorException;
import io.dim.dashboard.api.ApiUnavailableException;

/**
 * A long API call (seconds to minutes) run off the request thread, as the signed-in user
 * (the user picks the API key), while the page polls once a second so its progress lines
 * and its outcome show as they come. The page stays usable meanwhile.
 */
final class BackgroundCall {

	private BackgroundCall() {
	}

	/**
	 * The call's answer, or why there is none.
	 *
	 * @param answer the answer, null when the call failed
	 * @param failure the refusal ({@link ApiErrorException}) or the unreachable API
	 * ({@link ApiUnavailableException}), null when it worked
	 */
	record Outcome(JsonNode answer, RuntimeException failure) {

		/** The answer, or the failure thrown again (as {@link Feedback#run} expects). */
		JsonNode get() {
			if (this.failure != null) {
				throw this.failure;
			}
			return this.answer;
		}

	}

	/**
	 * @param name names the thread ("dashboard-" + name)
	 * @param call the call, given where to send its progress lines
	 * @param progress applied, in the page, to each progress line
	 * @param done applied, in the page, to the outcome
	 */
	static void start(String name, Function<Consumer<JsonNode>, JsonNode> call, Consumer<JsonNode> progress,
			Consumer<Outcome> done) {
		UI ui = UI.getCurrent();
		int before = ui.getPollInterval();
		ui.setPollInterval(1000);
		Thread.ofVirtual().name("dashboard-" + name).start(new DelegatingSecurityContextRunnable(() -> {
			Outcome outcome;
			try {
				outcome = new Outcome(call.apply((step) -> ui.access(() -> progress.accept(step))), null);
			}
			catch (ApiErrorException | ApiUnavailableException ex) {
				outcome = new Outcome(null, ex);
			}
			Outcome result = outcome;
			ui.access(() -> {
				ui.setPollInterval(before);
				done.accept(result);
			});
		}));
	}

}
