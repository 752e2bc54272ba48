package io.dim.api.adopt;

import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.ErrorResponseException;

/** An adoption is already running in this instance: 409. */
class AdoptBusyException extends ErrorResponseException {

	private static final long serialVersionUID = 1L;

	AdoptBusyException() {
		super(HttpStatus.CONFLICT, ProblemDetail.forStatusAndDetail(HttpStatus.CONFLICT,
				"an adoption is already running; try again when it has finished"), null);
	}

}
