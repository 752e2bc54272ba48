package io.dim.model.security;

import java.io.IOException;
import java.util.Locale;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.http.HttpStatus;
import org.springframework.security.web.firewall.RequestRejectedException;
import org.springframework.security.web.firewall.RequestRejectedHandler;

/**
 * A request the firewall refuses (e.g. an encoded "." or ".." path segment, a control
 * character) gets a 400 problem that says why, like every other refusal, instead of the
 * error page's bare {"status":400,"error":"Bad Request"}.
 */
final class RejectedRequests implements RequestRejectedHandler {

	@Override
	public void handle(HttpServletRequest request, HttpServletResponse response, RequestRejectedException rejected)
			throws IOException {
		String why = String.valueOf(rejected.getMessage());
		// "The request was rejected because the URL contained ..." -> "the URL contained
		// ..."
		why = why.replaceFirst("^The request was rejected because ", "");
		ProblemResponses.write(request, response, HttpStatus.BAD_REQUEST,
				"request refused: " + why.substring(0, 1).toLowerCase(Locale.ROOT) + why.substring(1)
						+ " (an object key in a path is one segment, with '/' sent as %2F and '%' as %25)");
	}

}
