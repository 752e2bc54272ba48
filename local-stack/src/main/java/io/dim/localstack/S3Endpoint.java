package io.dim.localstack;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;

import io.dim.model.endpoint.EndpointConfig;
import org.gaul.s3proxy.auth.AuthenticationType;
import org.gaul.s3proxy.S3Proxy;
import org.gaul.s3proxy.nio2blob.FilesystemNio2BlobStore;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * A real S3-compatible server (S3Proxy) on 127.0.0.1, storing its buckets as folders
 * under {@code dir}, with AWS v2/v4 authentication.
 */
public final class S3Endpoint implements AutoCloseable {

	private final String name;

	private final S3Proxy proxy;

	private final int port;

	private final Path dir;

	private S3Endpoint(String name, S3Proxy proxy, int port, Path dir) {
		this.name = name;
		this.proxy = proxy;
		this.dir = dir;
		this.port = port;
	}

	/**
	 * A plain S3 client for an endpoint (path-style, its credentials), for tests and
	 * tools that look at the stored objects directly, beside the services.
	 */
	public static S3Client client(EndpointConfig endpoint) {
		return S3Client.builder()
			.endpointOverride(endpoint.url())
			.forcePathStyle(true)
			.region(Region.US_EAST_1)
			.credentialsProvider(StaticCredentialsProvider
				.create(AwsBasicCredentials.create(endpoint.accessKey(), endpoint.secretKey())))
			.build();
	}

	/** Starts an endpoint on {@code port} (0 for a free port). */
	public static S3Endpoint start(String name, Path dir, int port, String accessKey, String secretKey)
			throws Exception {
		int actualPort = FreePorts.orFree(port);
		Files.createDirectories(dir);
		S3Proxy proxy = S3Proxy.builder()
			.blobStore(new FilesystemNio2BlobStore(dir.toAbsolutePath().toString()))
			.endpoint(URI.create("http://127.0.0.1:" + actualPort))
			.awsAuthentication(AuthenticationType.AWS_V2_OR_V4, accessKey, secretKey)
			.build();
		proxy.start();
		while (!proxy.getState().equals("STARTED")) {
			if (proxy.getState().equals("FAILED")) {
				throw new IllegalStateException("S3 endpoint '" + name + "' failed to start on port " + actualPort);
			}
			Thread.sleep(20);
		}
		return new S3Endpoint(name, proxy, actualPort, dir.toAbsolutePath());
	}

	public String name() {
		return this.name;
	}

	public URI url() {
		return URI.create("http://127.0.0.1:" + this.port);
	}

	public int port() {
		return this.port;
	}

	/**
	 * The file holding an object's bytes (tests damage it behind the endpoint's back, as
	 * a failing disk would).
	 */
	public Path objectFile(String bucket, String key) {
		return this.dir.resolve(bucket).resolve(key);
	}

	@Override
	public void close() throws Exception {
		this.proxy.stop();
	}

}
