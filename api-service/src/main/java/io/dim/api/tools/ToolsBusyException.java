package io.dim.api.tools;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.ErrorResponseException;

/**
 * As many tool runs as dim.tools.max-concurrent are already running: 429, Retry-After.
 */
class ToolsBusyException extends ErrorResponseException {

	private static final long serialVersionUID = 1L;

	static final int RETRY_AFTER_SECONDS = 5;

	ToolsBusyException(int maxConcurrent) {
		super(HttpStatus.TOO_MANY_REQUESTS,
				ProblemDetail.forStatusAndDetail(HttpStatus.TOO_MANY_REQUESTS,
						maxConcurrent
								+ " tool run(s) already running (dim.tools.max-concurrent); try again when one ends"),
				null);
	}

	@Override
	public HttpHeaders getHeaders() {
		HttpHeaders headers = new HttpHeaders();
		headers.set(HttpHeaders.RETRY_AFTER, Integer.toString(RETRY_AFTER_SECONDS));
		return headers;
	}

}
