package io.dim.model.web;

import org.springframework.beans.TypeMismatchException;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.web.bind.MissingServletRequestParameterException;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.context.request.ServletWebRequest;
import org.springframework.web.context.request.WebRequest;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;
import org.springframework.web.servlet.resource.NoResourceFoundException;

import tools.jackson.databind.DatabindException;
import tools.jackson.databind.exc.MismatchedInputException;

/**
 * A request body that is not valid JSON, or has a field of the wrong type, gets a 400
 * problem that names the field (Spring's default says only "Failed to read request"); a
 * query or path parameter of the wrong type gets one that says what it must be (Spring's
 * default: "Failed to convert 'size' with value: 'abc'"), and a missing one that it is
 * required, in the same form; a path no route serves gets a 404 that says how object keys
 * travel in paths ({@link NoRoute}). Services import it into their web configuration.
 */
@RestControllerAdvice
public class BadRequestHandler extends ResponseEntityExceptionHandler {

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

	@Override
	protected ResponseEntity<Object> handleNoResourceFoundException(NoResourceFoundException ex, HttpHeaders headers,
			HttpStatusCode status, WebRequest request) {
		String path = (request instanceof ServletWebRequest servlet) ? servlet.getRequest().getRequestURI()
				: "/" + ex.getResourcePath();
		return ResponseEntity.status(HttpStatus.NOT_FOUND)
			.body(ProblemDetail.forStatusAndDetail(HttpStatus.NOT_FOUND,
					NoRoute.detail(ex.getHttpMethod().name(), path)));
	}

	@Override
	protected ResponseEntity<Object> handleTypeMismatch(TypeMismatchException ex, HttpHeaders headers,
			HttpStatusCode status, WebRequest request) {
		String name = (ex instanceof MethodArgumentTypeMismatchException argument) ? argument.getName()
				: ex.getPropertyName();
		String value = String.valueOf(ex.getValue());
		if (value.length() > 80) {
			value = value.substring(0, 80) + "...";
		}
		ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST,
				"parameter '" + name + "' must be " + kind(ex.getRequiredType()) + " (got '" + value + "')");
		problem.setProperty("parameter", name);
		return ResponseEntity.badRequest().body(problem);
	}

	@Override
	protected ResponseEntity<Object> handleMissingServletRequestParameter(MissingServletRequestParameterException ex,
			HttpHeaders headers, HttpStatusCode status, WebRequest request) {
		String name = ex.getParameterName();
		Class<?> type = (ex.getMethodParameter() != null) ? ex.getMethodParameter().getParameterType() : null;
		ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST,
				"parameter '" + name + "' is required" + ((type != null) ? " (" + kind(type) + ")" : ""));
		problem.setProperty("parameter", name);
		return ResponseEntity.badRequest().body(problem);
	}

	/** What a value of this type looks like, in words. */
	static String kind(Class<?> type) {
		if (type == null) {
			return "of another type";
		}
		Class<?> boxed = java.lang.invoke.MethodType.methodType(type).wrap().returnType();
		if (boxed == Integer.class || boxed == Long.class || boxed == Short.class || boxed == Byte.class) {
			return "a whole number";
		}
		if (boxed == Double.class || boxed == Float.class || Number.class.isAssignableFrom(boxed)) {
			return "a number";
		}
		if (boxed == Boolean.class) {
			return "true or false";
		}
		if (type.isEnum()) {
			return "one of " + java.util.Arrays.stream(type.getEnumConstants())
				.map(Object::toString)
				.collect(java.util.stream.Collectors.joining(", "));
		}
		return "a " + type.getSimpleName();
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
		if (ex.getCause() instanceof MismatchedInputException) {
			// Valid JSON of another shape, e.g. an array where the route takes an object.
			return "the request body must be a JSON object with the fields this route takes (see /docs)";
		}
		return "the request body must be valid JSON";
	}

}
