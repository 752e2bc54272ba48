package io.dim.api.web;

import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.ErrorResponseException;

/** A request named an endpoint that is not configured: 404. */
public class UnknownEndpointException extends ErrorResponseException {

	private static final long serialVersionUID = 1L;

	public UnknownEndpointException(String name) {
		super(HttpStatus.NOT_FOUND, ProblemDetail.forStatusAndDetail(HttpStatus.NOT_FOUND,
				"unknown endpoint '" + name + "': see GET /endpoints for the configured names"), null);
	}

}
