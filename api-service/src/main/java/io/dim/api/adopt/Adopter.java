package io.dim.api.adopt;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
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
import io.dim.api.s3.Sha256;
import io.dim.api.web.BadParameterException;
import io.dim.model.db.WriteTransactions;
import io.dim.model.endpoint.EndpointCatalog;
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
 * verified by that read, and on every other endpoint holding the same bytes under the
 * key. One holding other bytes makes the object a conflict, not adopted: placing it would
 * copy over that version. Then the optimizer places the adopted objects, which creates
 * the jobs that copy each to REPLICATION_FACTOR endpoints. Objects DIM already manages
 * are left alone, so running it again only adopts what is new; each object is recorded on
 * its own, so an adoption stopped half-way keeps what it did.
 */
@Service
public class Adopter {

	private static final Logger log = LoggerFactory.getLogger(Adopter.class);

	private final S3Clients clients;

	private final EndpointCatalog catalog;

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

	Adopter(S3Clients clients, EndpointCatalog catalog, FileMetaRepository files, ReplicaRepository replicas,
			WriteTransactions transactions, Optimizer optimizer) {
		this.clients = clients;
		this.catalog = catalog;
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
		int conflicts = 0;
		long bytes = 0;
		List<String> adopted = new ArrayList<>();
		String token = null;
		do {
			ListObjectsV2Response page = list(endpoint, prefix, token);
			for (S3Object object : page.contents()) {
				listed++;
				AdoptStep step = adoptOne(endpoint, object.key(), object.size(), listed);
				switch (step.action()) {
					case AdoptStep.KNOWN -> known++;
					case AdoptStep.CONFLICT -> conflicts++;
					default -> {
						adopted.add(step.key());
						bytes += step.size();
					}
				}
				progress.accept(step);
			}
			token = Boolean.TRUE.equals(page.isTruncated()) ? page.nextContinuationToken() : null;
		}
		while (token != null);
		int jobs = place(adopted);
		AdoptReport report = new AdoptReport(endpoint.name(), prefix, listed, adopted.size(), known, conflicts, bytes,
				jobs, (System.nanoTime() - started) / 1e9);
		log.info("Adoption done: {}", report);
		return report;
	}

	/**
	 * Adopts an object a bucket notification announced, unless DIM manages it already:
	 * from the first endpoint whose bucket has the notified name and holds the key. Waits
	 * while an adoption runs (which may adopt it first).
	 * @return what happened: {@code adopted}, {@code known}, {@code conflict}, or
	 * {@code absent} when no endpoint with that bucket holds the key (deleted since, or a
	 * bucket DIM does not use)
	 */
	public String adoptCreated(String bucket, String key) throws InterruptedException {
		if (this.files.existsById(key)) {
			return AdoptStep.KNOWN;
		}
		this.running.acquire();
		try {
			for (EndpointConfig endpoint : this.catalog.all()) {
				if (endpoint.bucket().equals(bucket) && holds(endpoint, key)) {
					AdoptStep step = adoptOne(endpoint, key, -1, 1);
					if (step.action().equals(AdoptStep.ADOPTED)) {
						place(List.of(key));
					}
					log.info("Object '{}' created in bucket {}: {} from {}", key, bucket, step.action(),
							endpoint.name());
					return step.action();
				}
			}
			log.warn("Object '{}' created in bucket {}: no endpoint with that bucket holds it; not adopted", key,
					bucket);
			return "absent";
		}
		finally {
			this.running.release();
		}
	}

	/**
	 * One object found on {@code endpoint}: left alone when known, a conflict when
	 * another endpoint holds other bytes under its key, otherwise recorded with a
	 * verified replica on every endpoint holding its bytes.
	 * @param listedSize its size as listed (-1: not listed)
	 * @param done objects looked at so far, this one included
	 */
	private AdoptStep adoptOne(EndpointConfig endpoint, String key, long listedSize, int done) {
		if (this.files.existsById(key)) {
			return new AdoptStep(done, key, AdoptStep.KNOWN, Math.max(0, listedSize), List.of());
		}
		Read read = read(endpoint, key);
		List<String> holders = new ArrayList<>(List.of(endpoint.name()));
		List<String> others = new ArrayList<>();
		for (EndpointConfig other : this.catalog.all()) {
			if (!other.name().equals(endpoint.name())) {
				switch (compare(other, key, read)) {
					case SAME -> holders.add(other.name());
					case OTHER_BYTES -> others.add(other.name());
					case ABSENT -> {
					}
				}
			}
		}
		if (!others.isEmpty()) {
			// Placing it would copy over the other version: a person decides.
			log.warn("Not adopting '{}': {} hold(s) other bytes under the same key than {}", key, others,
					endpoint.name());
			return new AdoptStep(done, key, AdoptStep.CONFLICT, read.size(), others);
		}
		record(key, read, holders);
		return new AdoptStep(done, key, AdoptStep.ADOPTED, read.size(), holders);
	}

	/** Has the optimizer place the adopted objects; returns the jobs it created. */
	private int place(List<String> adopted) {
		if (adopted.isEmpty()) {
			return 0;
		}
		OptimizeReport placed = this.optimizer.optimizeSome(adopted, OptimizeProgress.NONE);
		return placed.jobsCreated();
	}

	private boolean holds(EndpointConfig endpoint, String key) {
		try {
			return this.clients.holds(endpoint.name(), key);
		}
		catch (SdkException ex) {
			throw unreachable(endpoint, ex);
		}
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

	/** What an endpoint's bucket holds under a key, compared with the bytes read. */
	private enum Holds {

		ABSENT, SAME, OTHER_BYTES

	}

	private Holds compare(EndpointConfig other, String key, Read read) {
		if (!holds(other, key)) {
			return Holds.ABSENT;
		}
		Read theirs = read(other, key);
		return (theirs.size() == read.size() && theirs.sha256().equals(read.sha256())) ? Holds.SAME : Holds.OTHER_BYTES;
	}

	/** The object's bytes as one endpoint holds them: size, SHA-256 and metadata. */
	private record Read(long size, String sha256, String contentType, String etag, Instant lastModified) {

	}

	/** Reads the object whole from {@code endpoint}, hashing it. */
	private Read read(EndpointConfig endpoint, String key) {
		try (ResponseInputStream<GetObjectResponse> body = this.clients.client(endpoint.name())
			.getObject((r) -> r.bucket(endpoint.bucket()).key(key))) {
			GetObjectResponse response = body.response();
			Sha256.Hashed hashed = Sha256.drain(body);
			return new Read(hashed.size(), hashed.sha256(),
					(response.contentType() != null) ? response.contentType() : "application/octet-stream",
					(response.eTag() != null) ? response.eTag() : "", response.lastModified());
		}
		catch (SdkException ex) {
			throw unreachable(endpoint, ex);
		}
		catch (IOException ex) {
			throw new UncheckedIOException("reading '" + key + "' from " + endpoint.name() + " failed", ex);
		}
	}

	/** Records the object with a verified replica on each endpoint holding its bytes. */
	private void record(String key, Read read, List<String> holders) {
		Instant now = this.clock.instant();
		FileMeta meta = new FileMeta(key, read.size(), read.contentType(), read.sha256(), read.etag(),
				(read.lastModified() != null) ? read.lastModified() : now);
		this.transactions.run(() -> {
			this.files.save(meta);
			holders.forEach((holder) -> this.replicas.save(Replica.verified(key, holder, now)));
		});
	}

	private static EndpointUnreachableException unreachable(EndpointConfig endpoint, Exception ex) {
		return new EndpointUnreachableException(endpoint.name(), endpoint.url().toString(), S3Errors.describe(ex));
	}

}
