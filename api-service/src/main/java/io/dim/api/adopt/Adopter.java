package io.dim.api.adopt;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.Semaphore;
import java.util.function.Consumer;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;

import io.dim.api.bootstrap.EndpointUnreachableException;
import io.dim.api.optimize.OptimizeProgress;
import io.dim.api.optimize.OptimizeReport;
import io.dim.api.optimize.Optimizer;
import io.dim.api.s3.S3Clients;
import io.dim.api.s3.S3Errors;
import io.dim.api.web.BadParameterException;
import io.dim.model.db.WriteTransactions;
import io.dim.model.endpoint.EndpointConfig;
import io.dim.model.file.FileMeta;
import io.dim.model.file.FileMetaRepository;
import io.dim.model.file.Replica;
import io.dim.model.file.ReplicaRepository;
import software.amazon.awssdk.core.ResponseInputStream;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.s3.model.GetObjectResponse;
import software.amazon.awssdk.services.s3.model.ListObjectsV2Response;
import software.amazon.awssdk.services.s3.model.S3Object;

/**
 * Brings objects already stored in one endpoint's bucket under DIM's management: lists
 * the bucket (under a prefix), reads every object DIM does not know yet, and records it
 * (size, content type, SHA-256 of the bytes read, ETag) with a replica on that endpoint,
 * verified by that read. Then the optimizer places the adopted objects, which creates the
 * jobs that copy each to REPLICATION_FACTOR endpoints. Objects DIM already manages are
 * left alone, so running it again only adopts what is new; each object is recorded on its
 * own, so an adoption stopped half-way keeps what it did.
 */
@Service
public class Adopter {

	private static final Logger log = LoggerFactory.getLogger(Adopter.class);

	private final S3Clients clients;

	private final FileMetaRepository files;

	private final ReplicaRepository replicas;

	private final WriteTransactions transactions;

	private final Optimizer optimizer;

	private final Clock clock = Clock.systemUTC();

	/**
	 * One run at a time (two would read the same objects twice); a semaphore, as a run
	 * with progress ends on another thread than the one that prepared it.
	 */
	private final Semaphore running = new Semaphore(1);

	Adopter(S3Clients clients, FileMetaRepository files, ReplicaRepository replicas, WriteTransactions transactions,
			Optimizer optimizer) {
		this.clients = clients;
		this.files = files;
		this.replicas = replicas;
		this.transactions = transactions;
		this.optimizer = optimizer;
	}

	/**
	 * Checks the request and takes the one place for a run, before anything runs: 404 for
	 * an unknown endpoint, 400 for a bad prefix, 409 while another adoption runs. The
	 * returned run gives the place back when it ends.
	 */
	public Run prepare(String endpointName, String prefix) {
		EndpointConfig endpoint = this.clients.endpoint(endpointName);
		if (prefix.length() > 1024) {
			throw new BadParameterException("prefix", "must be at most 1024 characters (got " + prefix.length() + ")");
		}
		if (!this.running.tryAcquire()) {
			throw new AdoptBusyException();
		}
		return new Run(endpoint, prefix);
	}

	/** A prepared adoption. */
	public final class Run {

		private final EndpointConfig endpoint;

		private final String prefix;

		private Run(EndpointConfig endpoint, String prefix) {
			this.endpoint = endpoint;
			this.prefix = prefix;
		}

		public AdoptReport go(Consumer<AdoptStep> progress) {
			try {
				return runLocked(this.endpoint, this.prefix, progress);
			}
			finally {
				Adopter.this.running.release();
			}
		}

	}

	private AdoptReport runLocked(EndpointConfig endpoint, String prefix, Consumer<AdoptStep> progress) {
		long started = System.nanoTime();
		int listed = 0;
		int known = 0;
		long bytes = 0;
		List<String> adopted = new ArrayList<>();
		String token = null;
		do {
			ListObjectsV2Response page = list(endpoint, prefix, token);
			for (S3Object object : page.contents()) {
				listed++;
				if (this.files.existsById(object.key())) {
					known++;
					progress.accept(new AdoptStep(listed, object.key(), "known", object.size()));
					continue;
				}
				FileMeta meta = adopt(endpoint, object);
				adopted.add(meta.getObjectKey());
				bytes += meta.getSizeBytes();
				progress.accept(new AdoptStep(listed, object.key(), "adopted", meta.getSizeBytes()));
			}
			token = Boolean.TRUE.equals(page.isTruncated()) ? page.nextContinuationToken() : null;
		}
		while (token != null);
		int jobs = 0;
		if (!adopted.isEmpty()) {
			OptimizeReport placed = this.optimizer.optimizeSome(adopted, OptimizeProgress.NONE);
			jobs = placed.jobsCreated();
		}
		AdoptReport report = new AdoptReport(endpoint.name(), prefix, listed, adopted.size(), known, bytes, jobs,
				(System.nanoTime() - started) / 1e9);
		log.info("Adoption done: {}", report);
		return report;
	}

	private ListObjectsV2Response list(EndpointConfig endpoint, String prefix, String token) {
		try {
			return this.clients.client(endpoint.name())
				.listObjectsV2((r) -> r.bucket(endpoint.bucket()).prefix(prefix).continuationToken(token));
		}
		catch (SdkException ex) {
			throw unreachable(endpoint, ex);
		}
	}

	/** Reads the object whole, hashing it, and records it with its verified replica. */
	private FileMeta adopt(EndpointConfig endpoint, S3Object object) {
		String sha256;
		long size;
		GetObjectResponse response;
		try (ResponseInputStream<GetObjectResponse> body = this.clients.client(endpoint.name())
			.getObject((r) -> r.bucket(endpoint.bucket()).key(object.key()));
				DigestInputStream digest = new DigestInputStream(body, MessageDigest.getInstance("SHA-256"))) {
			response = body.response();
			size = digest.transferTo(OutputStream.nullOutputStream());
			sha256 = HexFormat.of().formatHex(digest.getMessageDigest().digest());
		}
		catch (SdkException ex) {
			throw unreachable(endpoint, ex);
		}
		catch (IOException ex) {
			throw new UncheckedIOException("reading '" + object.key() + "' from " + endpoint.name() + " failed", ex);
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException(ex);
		}
		String contentType = (response.contentType() != null) ? response.contentType() : "application/octet-stream";
		Instant created = (response.lastModified() != null) ? response.lastModified() : this.clock.instant();
		FileMeta meta = new FileMeta(object.key(), size, contentType, sha256,
				(response.eTag() != null) ? response.eTag() : "", created);
		Instant now = this.clock.instant();
		this.transactions.run(() -> {
			this.files.save(meta);
			this.replicas.save(Replica.verified(object.key(), endpoint.name(), now));
		});
		return meta;
	}

	private static EndpointUnreachableException unreachable(EndpointConfig endpoint, Exception ex) {
		return new EndpointUnreachableException(endpoint.name(), endpoint.url().toString(), S3Errors.describe(ex));
	}

}
