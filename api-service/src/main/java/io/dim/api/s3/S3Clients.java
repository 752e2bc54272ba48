package io.dim.api.s3;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

import org.springframework.beans.factory.DisposableBean;
import org.springframework.stereotype.Component;

import io.dim.api.web.UnknownEndpointException;
import io.micrometer.core.instrument.MeterRegistry;
import io.dim.model.endpoint.DimUserAgent;
import io.dim.model.endpoint.EndpointCatalog;
import io.dim.model.endpoint.EndpointConfig;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.checksums.RequestChecksumCalculation;
import software.amazon.awssdk.core.checksums.ResponseChecksumValidation;
import software.amazon.awssdk.http.apache.ApacheHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * One pooled S3 client per configured endpoint. This is the only place that reads the
 * endpoints' secret keys; every S3 call of the service goes through a client from here.
 */
@Component
public class S3Clients implements DisposableBean {

	private final Map<String, S3Client> clients = new LinkedHashMap<>();

	private final EndpointCatalog catalog;

	public S3Clients(EndpointCatalog catalog, S3Faults faults, MeterRegistry registry) {
		this.catalog = catalog;
		for (EndpointConfig endpoint : catalog.all()) {
			this.clients.put(endpoint.name(), build(endpoint, faults, registry));
		}
	}

	public S3Client client(String endpoint) {
		S3Client client = this.clients.get(endpoint);
		if (client == null) {
			throw new UnknownEndpointException(endpoint);
		}
		return client;
	}

	public boolean known(String endpoint) {
		return this.clients.containsKey(endpoint);
	}

	/**
	 * Whether the endpoint's bucket holds the key (a HEAD; 404 is no). Any other failure
	 * is thrown as it comes, for the caller to name the endpoint.
	 */
	public boolean holds(String endpoint, String key) {
		EndpointConfig config = endpoint(endpoint);
		try {
			client(endpoint).headObject((head) -> head.bucket(config.bucket()).key(key));
			return true;
		}
		catch (AwsServiceException ex) {
			if (ex.statusCode() == 404) {
				return false;
			}
			throw ex;
		}
	}

	public EndpointConfig endpoint(String endpoint) {
		return this.catalog.find(endpoint).orElseThrow(() -> new UnknownEndpointException(endpoint));
	}

	/**
	 * Longest one S3 call attempt may take: generous for any single part or small object.
	 */
	static final Duration CALL_ATTEMPT_TIMEOUT = Duration.ofMinutes(5);

	private static S3Client build(EndpointConfig endpoint, S3Faults faults, MeterRegistry registry) {
		return S3Client.builder()
			// The timer first, so that it also times calls the fault injector fails.
			.overrideConfiguration(
					(config) -> config.addExecutionInterceptor(new S3RequestTimer(endpoint.name(), registry))
						.addExecutionInterceptor(new S3FaultInjector(endpoint.name(), faults))
						.addExecutionInterceptor(new SmallBodyExpectContinue())
						// A bound on every attempt, beside the socket timeout (no
						// byte for 60 s): an endpoint that trickles never holds a
						// worker forever.
						.apiCallAttemptTimeout(CALL_ATTEMPT_TIMEOUT)
						// Names our requests in bucket notifications: stream-service
						// does not count DIM's own copies and reads as accesses.
						.appId(DimUserAgent.APP_ID))
			.endpointOverride(endpoint.url())
			.forcePathStyle(true)
			.putAuthScheme(PlainHttpPayloadSigner.authScheme())
			.region(Region.US_EAST_1)
			.credentialsProvider(StaticCredentialsProvider
				.create(AwsBasicCredentials.create(endpoint.accessKey(), endpoint.secretKey())))
			// We verify every replica by SHA-256 ourselves; the SDK's optional CRC
			// trailers (aws-chunked) are handled differently by S3-compatible servers.
			.requestChecksumCalculation(RequestChecksumCalculation.WHEN_REQUIRED)
			.responseChecksumValidation(ResponseChecksumValidation.WHEN_REQUIRED)
			.httpClientBuilder(ApacheHttpClient.builder()
				.maxConnections(32)
				.connectionTimeout(Duration.ofSeconds(2))
				.socketTimeout(Duration.ofSeconds(60)))
			.build();
	}

	@Override
	public void destroy() {
		this.clients.values().forEach(S3Client::close);
	}

}
