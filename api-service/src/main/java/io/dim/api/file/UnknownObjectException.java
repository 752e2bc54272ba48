package io.dim.api.file;

import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.ErrorResponseException;

/** No object with this key is managed: 404. */
public class UnknownObjectException extends ErrorResponseException {

	private static final long serialVersionUID = 1L;

	public UnknownObjectException(String key) {
		super(HttpStatus.NOT_FOUND,
				ProblemDetail.forStatusAndDetail(HttpStatus.NOT_FOUND, "no object with key '" + key + "'"), null);
	}

}
