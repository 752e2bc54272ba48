package io.dim.api.bootstrap;

import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.ErrorResponseException;

/** A bootstrap is already running in this instance: 409. */
public class BootstrapBusyException extends ErrorResponseException {

	private static final long serialVersionUID = 1L;

	public BootstrapBusyException() {
		super(HttpStatus.CONFLICT, ProblemDetail.forStatusAndDetail(HttpStatus.CONFLICT,
				"a bootstrap is already running; try again when it has finished"), null);
	}

}
