package io.dim.model.web;

import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.boot.webmvc.error.ErrorController;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * The error page as RFC 9457 problem JSON, for what fails before a controller or the
 * handlers of {@link BadRequestHandler} see it (e.g. a query with a '%' that is not
 * followed by two hex digits): Spring Boot's default answers {"status":400,"error":"Bad
 * Request"} without saying why. A client error says what the server said about it; a
 * server error says only where to look (its message stays in the log).
 */
@RestController
public class ProblemErrorController implements ErrorController {

	@RequestMapping("${server.error.path:/error}")
	ResponseEntity<ProblemDetail> error(HttpServletRequest request, HttpServletResponse response) {
		if (response.isCommitted()) {
			// Part of the answer has been sent (e.g. a read whose bytes turned out wrong
			// mid-way): an error page appended to it would be taken for the rest of its
			// body. Nothing is added; the server closes the connection, and the client
			// sees the answer end short of its length.
			return null;
		}
		Object code = request.getAttribute(RequestDispatcher.ERROR_STATUS_CODE);
		if (code == null) {
			// Asked for directly (GET /error), not forwarded with an error: no such
			// route.
			return ResponseEntity.status(HttpStatus.NOT_FOUND)
				.contentType(MediaType.APPLICATION_PROBLEM_JSON)
				.body(ProblemDetail.forStatusAndDetail(HttpStatus.NOT_FOUND,
						NoRoute.detail(request.getMethod(), request.getRequestURI())));
		}
		HttpStatus status = HttpStatus.resolve((code instanceof Integer number) ? number : 500);
		if (status == null) {
			status = HttpStatus.INTERNAL_SERVER_ERROR;
		}
		Object message = request.getAttribute(RequestDispatcher.ERROR_MESSAGE);
		String detail;
		if (status.is4xxClientError()) {
			detail = (message instanceof String text && !text.isBlank()) ? text
					: "the request could not be read: check its URL encoding ('%' must be followed by two hex "
							+ "digits of UTF-8) and its headers";
		}
		else {
			detail = "the service failed to answer (" + status.value() + "); its log says why";
		}
		ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, detail);
		if (request.getAttribute(RequestDispatcher.ERROR_REQUEST_URI) instanceof String path) {
			ProblemInstance.at(problem, path);
		}
		return ResponseEntity.status(status).contentType(MediaType.APPLICATION_PROBLEM_JSON).body(problem);
	}

}
