package io.dim.model.endpoint;

/**
 * How DIM's own S3 requests name themselves: api-service's S3 clients send
 * {@code app/data-in-motion} in their User-Agent (and the rclone tool its own agent with
 * it). Bucket notifications that carry the requester's agent (MinIO's
 * {@code source.userAgent}) then tell DIM's copies, scrubs and verified reads apart from
 * the applications' accesses, which are the only ones heat should count.
 */
public final class DimUserAgent {

	/** The SDK's application id: sent as {@code app/data-in-motion}. */
	public static final String APP_ID = "data-in-motion";

	/** The part of a User-Agent that marks a request as DIM's own. */
	public static final String MARKER = "app/" + APP_ID;

	private DimUserAgent() {
	}

	/** Whether a request's User-Agent (null when unknown) is one of DIM's own. */
	public static boolean isOwn(String userAgent) {
		return userAgent != null && userAgent.contains(MARKER);
	}

}
