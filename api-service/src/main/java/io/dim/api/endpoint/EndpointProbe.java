package io.dim.api.endpoint;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.springframework.stereotype.Component;

import io.dim.api.s3.S3Clients;
import io.dim.api.s3.S3Errors;
import io.dim.model.endpoint.EndpointConfig;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.exception.SdkException;

/**
 * Checks whether an endpoint answers (HEAD of our bucket, with a short timeout). Results
 * are cached briefly so that listing endpoints or health checks do not hammer S3.
 */
@Component
public class EndpointProbe {

	private static final Duration CALL_TIMEOUT = Duration.ofSeconds(2);

	private static final Duration CACHE_FOR = Duration.ofSeconds(3);

	private final S3Clients clients;

	private final Clock clock;

	private final Map<String, EndpointStatus> cache = new ConcurrentHashMap<>();

	public EndpointProbe(S3Clients clients) {
		this.clients = clients;
		this.clock = Clock.systemUTC();
	}

	public EndpointStatus status(String name) {
		Instant now = this.clock.instant();
		EndpointStatus cached = this.cache.get(name);
		if (cached != null && cached.checkedAt().plus(CACHE_FOR).isAfter(now)) {
			return cached;
		}
		EndpointStatus fresh = probe(name, now);
		this.cache.put(name, fresh);
		return fresh;
	}

	/**
	 * Drops the cached result, so that the next {@link #status} probes again: after
	 * creating the bucket, its endpoint is usable at once, not when the cache expires.
	 */
	public void forget(String name) {
		this.cache.remove(name);
	}

	private EndpointStatus probe(String name, Instant now) {
		EndpointConfig endpoint = this.clients.endpoint(name);
		try {
			this.clients.client(name)
				.headBucket((head) -> head.bucket(endpoint.bucket())
					.overrideConfiguration((o) -> o.apiCallTimeout(CALL_TIMEOUT)));
			return new EndpointStatus(true, true, null, now);
		}
		catch (AwsServiceException ex) {
			if (ex.statusCode() == 404) {
				return new EndpointStatus(true, false, "bucket " + endpoint.bucket() + " does not exist", now);
			}
			return new EndpointStatus(false, false, "HTTP " + ex.statusCode() + " from the endpoint", now);
		}
		catch (SdkException ex) {
			return new EndpointStatus(false, false, S3Errors.describe(ex), now);
		}
	}

}
