package io.dim.api.web;

import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.ErrorResponseException;

/** A request parameter with a value we cannot use: 400 naming the parameter. */
public class BadParameterException extends ErrorResponseException {

	private static final long serialVersionUID = 1L;

	public BadParameterException(String parameter, String problem) {
		super(HttpStatus.BAD_REQUEST, problem(parameter, problem), null);
	}

	private static ProblemDetail problem(String parameter, String problem) {
		ProblemDetail detail = ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST,
				"parameter '" + parameter + "' " + problem);
		detail.setProperty("parameter", parameter);
		return detail;
	}

}
