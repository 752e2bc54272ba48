package io.dim.api.bootstrap;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.locks.ReentrantLock;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;

import io.dim.api.endpoint.EndpointProbe;
import io.dim.api.s3.S3Clients;
import io.dim.api.s3.S3Errors;
import io.dim.api.s3.Sha256;
import io.dim.model.config.DimProperties;
import io.dim.model.db.WriteTransactions;
import io.dim.model.endpoint.EndpointCatalog;
import io.dim.model.endpoint.EndpointConfig;
import io.dim.model.file.FileMeta;
import io.dim.model.file.FileMetaRepository;
import io.dim.model.file.Replica;
import io.dim.model.file.ReplicaRepository;
import io.dim.model.file.ReplicaState;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * Prepares a fresh installation: the bucket on every endpoint, and the deterministic
 * sample set uploaded to an initial placement that meets the replication factor, each
 * replica read back and verified by SHA-256 before it is recorded. Idempotent: objects
 * already recorded are left alone (a recorded replica missing from its endpoint is
 * written again), so a second run changes nothing.
 */
@Service
public class Bootstrapper {

	private static final Logger log = LoggerFactory.getLogger(Bootstrapper.class);

	private final EndpointCatalog catalog;

	private final S3Clients clients;

	private final FileMetaRepository files;

	private final ReplicaRepository replicas;

	private final WriteTransactions transactions;

	private final BootstrapProperties properties;

	private final int replicationFactor;

	private final EndpointProbe probe;

	private final Clock clock = Clock.systemUTC();

	/** One run at a time: two concurrent runs would race to create the same objects. */
	private final ReentrantLock running = new ReentrantLock();

	Bootstrapper(EndpointCatalog catalog, S3Clients clients, EndpointProbe probe, FileMetaRepository files,
			ReplicaRepository replicas, WriteTransactions transactions, BootstrapProperties properties,
			DimProperties dim) {
		this.catalog = catalog;
		this.probe = probe;
		this.clients = clients;
		this.files = files;
		this.replicas = replicas;
		this.transactions = transactions;
		this.properties = properties;
		this.replicationFactor = dim.replicationFactor();
	}

	public BootstrapReport run(BootstrapProgress progress) {
		if (!this.running.tryLock()) {
			throw new BootstrapBusyException();
		}
		try {
			return runLocked(progress);
		}
		finally {
			this.running.unlock();
		}
	}

	private BootstrapReport runLocked(BootstrapProgress progress) {
		long started = System.nanoTime();
		List<EndpointConfig> endpoints = this.catalog.all();
		int bucketsCreated = 0;
		for (EndpointConfig endpoint : endpoints) {
			bucketsCreated += ensureBucket(endpoint) ? 1 : 0;
		}
		List<SampleObject> samples = SampleSet.generate(this.properties);
		int created = 0;
		int restored = 0;
		int unchanged = 0;
		long bytes = 0;
		for (int i = 0; i < samples.size(); i++) {
			SampleObject sample = samples.get(i);
			List<String> written;
			String action;
			if (this.files.existsById(sample.key())) {
				written = restoreMissingReplicas(sample);
				action = written.isEmpty() ? "unchanged" : "restored";
				restored += written.isEmpty() ? 0 : 1;
				unchanged += written.isEmpty() ? 1 : 0;
			}
			else {
				written = initialPlacement(i, endpoints);
				create(sample, written);
				action = "created";
				created++;
			}
			bytes += (long) sample.size() * written.size();
			progress
				.step(new BootstrapProgress.Step(i + 1, samples.size(), sample.key(), action, written, sample.size()));
		}
		BootstrapReport report = new BootstrapReport(endpoints.stream().map(EndpointConfig::name).toList(),
				bucketsCreated, samples.size(), created, restored, unchanged, bytes,
				(System.nanoTime() - started) / 1e9);
		log.info("Bootstrap done: {}", report);
		return report;
	}

	/** Endpoints i, i+1, ... (mod n): spreads the samples so placement starts varied. */
	private List<String> initialPlacement(int index, List<EndpointConfig> endpoints) {
		List<String> targets = new ArrayList<>();
		for (int r = 0; r < this.replicationFactor; r++) {
			targets.add(endpoints.get((index + r) % endpoints.size()).name());
		}
		return targets;
	}

	private void create(SampleObject sample, List<String> targets) {
		byte[] content = sample.content();
		String sha256 = SampleObject.sha256(content);
		String etag = "";
		for (String target : targets) {
			etag = upload(target, sample, content, sha256);
		}
		Instant now = this.clock.instant();
		FileMeta meta = new FileMeta(sample.key(), sample.size(), sample.contentType(), sha256, etag, now);
		this.transactions.run(() -> {
			this.files.save(meta);
			targets.forEach((target) -> this.replicas.save(Replica.verified(sample.key(), target, now)));
		});
	}

	private List<String> restoreMissingReplicas(SampleObject sample) {
		FileMeta meta = this.files.findById(sample.key()).orElseThrow();
		List<String> written = new ArrayList<>();
		for (Replica replica : this.replicas.findByObjectKeyOrderByEndpoint(sample.key())) {
			if (replica.getState() != ReplicaState.VALID || !this.catalog.contains(replica.getEndpoint())
					|| exists(replica.getEndpoint(), sample.key())) {
				continue;
			}
			byte[] content = sample.content();
			if (!SampleObject.sha256(content).equals(meta.getSha256())) {
				// Not our sample any more (the object was rewritten): never overwrite
				// user data.
				log.warn("Replica of '{}' on {} is missing and its content is not the sample's; not restoring",
						sample.key(), replica.getEndpoint());
				continue;
			}
			upload(replica.getEndpoint(), sample, content, meta.getSha256());
			written.add(replica.getEndpoint());
		}
		return written;
	}

	private boolean ensureBucket(EndpointConfig endpoint) {
		S3Client s3 = this.clients.client(endpoint.name());
		try {
			s3.headBucket((head) -> head.bucket(endpoint.bucket()));
			return false;
		}
		catch (AwsServiceException ex) {
			if (ex.statusCode() != 404) {
				throw unreachable(endpoint, ex);
			}
		}
		catch (SdkException ex) {
			throw unreachable(endpoint, ex);
		}
		try {
			s3.createBucket((create) -> create.bucket(endpoint.bucket()));
			this.probe.forget(endpoint.name());
			log.info("Created bucket {} on {}", endpoint.bucket(), endpoint.name());
			return true;
		}
		catch (SdkException ex) {
			throw unreachable(endpoint, ex);
		}
	}

	private boolean exists(String endpointName, String key) {
		try {
			return this.clients.holds(endpointName, key);
		}
		catch (SdkException ex) {
			throw unreachable(this.clients.endpoint(endpointName), ex);
		}
	}

	/**
	 * Writes one replica and reads it back: a PUT's success is not proof of what was
	 * stored.
	 */
	private String upload(String endpointName, SampleObject sample, byte[] content, String sha256) {
		EndpointConfig endpoint = this.clients.endpoint(endpointName);
		S3Client s3 = this.clients.client(endpointName);
		try {
			String etag = s3
				.putObject((put) -> put.bucket(endpoint.bucket()).key(sample.key()).contentType(sample.contentType()),
						RequestBody.fromBytes(content))
				.eTag();
			String stored = readSha256(s3, endpoint.bucket(), sample.key());
			if (!stored.equals(sha256)) {
				throw new IllegalStateException("replica of '" + sample.key() + "' on " + endpointName
						+ " does not match its SHA-256 after upload (got " + stored + ")");
			}
			return (etag != null) ? etag : "";
		}
		catch (SdkException ex) {
			throw unreachable(endpoint, ex);
		}
	}

	private static String readSha256(S3Client s3, String bucket, String key) {
		try (InputStream in = s3.getObject((get) -> get.bucket(bucket).key(key))) {
			return Sha256.drain(in).sha256();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	private static EndpointUnreachableException unreachable(EndpointConfig endpoint, Exception ex) {
		return new EndpointUnreachableException(endpoint.name(), endpoint.url().toString(), S3Errors.describe(ex));
	}

}
