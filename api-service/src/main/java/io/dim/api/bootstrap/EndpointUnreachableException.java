package io.dim.api.bootstrap;

import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.ErrorResponseException;

/** An endpoint did not answer while bootstrap needed it: 503, naming the endpoint. */
public class EndpointUnreachableException extends ErrorResponseException {

	private static final long serialVersionUID = 1L;

	public EndpointUnreachableException(String endpoint, String url, String reason) {
		super(HttpStatus.SERVICE_UNAVAILABLE, ProblemDetail.forStatusAndDetail(HttpStatus.SERVICE_UNAVAILABLE,
				"endpoint '" + endpoint + "' (" + url + ") is unreachable: " + reason), null);
	}

	/** The one-line message for the command line. */
	public String line() {
		return getBody().getDetail();
	}

}
