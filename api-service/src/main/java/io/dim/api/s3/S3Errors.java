package io.dim.api.s3;

import software.amazon.awssdk.awscore.exception.AwsServiceException;

/** Short, secret-free descriptions of S3 failures for logs and responses. */
public final class S3Errors {

	private S3Errors() {
	}

	public static String describe(Throwable ex) {
		if (ex instanceof AwsServiceException service) {
			String code = (service.awsErrorDetails() != null) ? service.awsErrorDetails().errorCode() : null;
			return "HTTP " + service.statusCode() + ((code != null) ? " " + code : "");
		}
		Throwable root = ex;
		while (root.getCause() != null && root.getCause() != root) {
			root = root.getCause();
		}
		String message = root.getMessage();
		return (message != null) ? message : root.getClass().getSimpleName();
	}

}
