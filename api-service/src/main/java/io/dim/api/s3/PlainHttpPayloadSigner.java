package io.dim.api.s3;

import java.util.concurrent.CompletableFuture;

import software.amazon.awssdk.http.SdkHttpRequest;
import software.amazon.awssdk.http.auth.aws.scheme.AwsV4AuthScheme;
import software.amazon.awssdk.http.auth.aws.signer.AwsV4FamilyHttpSigner;
import software.amazon.awssdk.http.auth.spi.scheme.AuthScheme;
import software.amazon.awssdk.http.auth.spi.signer.AsyncSignRequest;
import software.amazon.awssdk.http.auth.spi.signer.AsyncSignedRequest;
import software.amazon.awssdk.http.auth.spi.signer.HttpSigner;
import software.amazon.awssdk.http.auth.spi.signer.SignRequest;
import software.amazon.awssdk.http.auth.spi.signer.SignedRequest;
import software.amazon.awssdk.identity.spi.AwsCredentialsIdentity;
import software.amazon.awssdk.identity.spi.IdentityProvider;
import software.amazon.awssdk.identity.spi.IdentityProviders;

/**
 * SigV4 that leaves request bodies unsigned ({@code UNSIGNED-PAYLOAD}) on plain-HTTP
 * endpoints too, as the SDK already does over HTTPS.
 *
 * <p>
 * Why: over HTTP the SDK always signs the body in aws-chunked form, so every byte is
 * hashed by the SDK and again by the server checking the chunk signatures, on top of the
 * SHA-256 the migrator computes itself. Plain HTTP endpoints are local or on-premises
 * servers (MinIO, S3Proxy) on a trusted network; the migrator does not rely on the
 * signature for integrity but checks the target's ETag (against the source's MD5 ETag or
 * the MD5 of what it sent) and the SHA-256 of every byte against {@code file_meta}. The
 * protocol is not part of the SigV4 canonical request, so signing the request as if it
 * were HTTPS gives the same signature the server computes. Endpoints on the default port
 * are signed as they are, since changing the protocol would change their Host header.
 */
final class PlainHttpPayloadSigner implements HttpSigner<AwsCredentialsIdentity> {

	private final HttpSigner<AwsCredentialsIdentity> delegate;

	PlainHttpPayloadSigner(HttpSigner<AwsCredentialsIdentity> delegate) {
		this.delegate = delegate;
	}

	/** The SigV4 auth scheme of the SDK with this signer. */
	static AuthScheme<AwsCredentialsIdentity> authScheme() {
		AwsV4AuthScheme standard = AwsV4AuthScheme.create();
		HttpSigner<AwsCredentialsIdentity> signer = new PlainHttpPayloadSigner(standard.signer());
		return new AuthScheme<>() {

			@Override
			public String schemeId() {
				return standard.schemeId();
			}

			@Override
			public IdentityProvider<AwsCredentialsIdentity> identityProvider(IdentityProviders providers) {
				return standard.identityProvider(providers);
			}

			@Override
			public HttpSigner<AwsCredentialsIdentity> signer() {
				return signer;
			}

		};
	}

	@Override
	public SignedRequest sign(SignRequest<? extends AwsCredentialsIdentity> request) {
		SdkHttpRequest original = request.request();
		if (!"http".equals(original.protocol()) || original.port() == 80) {
			return this.delegate.sign(request);
		}
		SignRequest<? extends AwsCredentialsIdentity> asHttps = request
			.copy((r) -> r.request(original.toBuilder().protocol("https").port(original.port()).build())
				.putProperty(AwsV4FamilyHttpSigner.PAYLOAD_SIGNING_ENABLED, false)
				.putProperty(AwsV4FamilyHttpSigner.CHUNK_ENCODING_ENABLED, false));
		SignedRequest signed = this.delegate.sign(asHttps);
		return signed
			.copy((s) -> s.request(signed.request().toBuilder().protocol("http").port(original.port()).build()));
	}

	@Override
	public CompletableFuture<AsyncSignedRequest> signAsync(AsyncSignRequest<? extends AwsCredentialsIdentity> request) {
		return this.delegate.signAsync(request);
	}

}
