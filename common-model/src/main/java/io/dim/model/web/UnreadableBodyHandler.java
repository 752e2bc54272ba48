package io.dim.model.web;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.context.request.WebRequest;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;

import tools.jackson.databind.DatabindException;

/**
 * A request body that is not valid JSON, or has a field of the wrong type, gets a 400
 * problem that names the field (Spring's default says only "Failed to read request").
 * Services import it into their web configuration.
 */
@RestControllerAdvice
public class UnreadableBodyHandler extends ResponseEntityExceptionHandler {

	@Override
	protected ResponseEntity<Object> handleHttpMessageNotReadable(HttpMessageNotReadableException ex,
			HttpHeaders headers, HttpStatusCode status, WebRequest request) {
		for (Throwable cause = ex; cause != null; cause = cause.getCause()) {
			if (cause instanceof BodySizeLimitFilter.BodyTooLargeException tooLarge) {
				return ResponseEntity.status(HttpStatus.CONTENT_TOO_LARGE)
					.body(ProblemDetail.forStatusAndDetail(HttpStatus.CONTENT_TOO_LARGE, tooLarge.getMessage()));
			}
		}
		ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST, detail(ex));
		problem.setTitle("Unreadable request body");
		return ResponseEntity.badRequest().body(problem);
	}

	private static String detail(HttpMessageNotReadableException ex) {
		if (ex.getCause() instanceof DatabindException databind && !databind.getPath().isEmpty()) {
			StringBuilder field = new StringBuilder();
			databind.getPath().forEach((ref) -> {
				if (ref.getPropertyName() != null) {
					field.append(field.isEmpty() ? "" : ".").append(ref.getPropertyName());
				}
				else {
					field.append('[').append(ref.getIndex()).append(']');
				}
			});
			if (databind.getOriginalMessage().startsWith("Cannot map `null`")) {
				return field + ": is required";
			}
			return field + ": has the wrong type or format (" + databind.getOriginalMessage() + ")";
		}
		return "the request body must be valid JSON";
	}

}
