package io.dim.api.read;

import java.io.IOException;
import java.io.OutputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import jakarta.annotation.PreDestroy;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

import io.dim.api.file.ReplicaMismatches;
import io.dim.api.cluster.ClusterLock;
import io.dim.api.endpoint.EndpointProbe;
import io.dim.api.s3.S3Clients;
import io.dim.api.s3.S3Errors;
import io.dim.api.s3.S3Faults;
import io.dim.model.endpoint.EndpointCatalog;
import io.dim.model.endpoint.EndpointConfig;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import software.amazon.awssdk.core.ResponseInputStream;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.s3.model.GetObjectResponse;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;

/**
 * Reads verified replicas back and checks their bytes against the object's SHA-256, the
 * longest unverified first, a bounded number a round ({@code dim.scrub.*}): damage on an
 * endpoint is found before a read or a copy needs that replica. A replica that still
 * holds the object's bytes has its verification time renewed; one that does not is
 * reported to {@link ReplicaMismatches} (metric, log, alert) and left as it is, like a
 * read's finding. Runs on its own thread, so a slow endpoint does not hold up the
 * service's other scheduled work; endpoints that are failed or down are left for later.
 */
@Component
public class Scrubber {

	private static final Logger log = LoggerFactory.getLogger(Scrubber.class);

	private final JdbcTemplate jdbc;

	private final S3Clients clients;

	private final S3Faults faults;

	private final EndpointProbe probe;

	private final ReplicaMismatches mismatches;

	private final EndpointCatalog endpoints;

	private final ScrubProperties settings;

	private final MeterRegistry registry;

	private final ClusterLock cluster;

	private ScheduledExecutorService background;

	Scrubber(JdbcTemplate jdbc, S3Clients clients, S3Faults faults, EndpointProbe probe, ReplicaMismatches mismatches,
			EndpointCatalog endpoints, ScrubProperties settings, ClusterLock cluster, MeterRegistry registry) {
		this.cluster = cluster;
		this.endpoints = endpoints;
		this.jdbc = jdbc;
		this.clients = clients;
		this.faults = faults;
		this.probe = probe;
		this.mismatches = mismatches;
		this.settings = settings;
		this.registry = registry;
		for (String outcome : List.of("verified", "mismatched", "unreachable")) {
			checked(outcome);
		}
	}

	@EventListener(ApplicationReadyEvent.class)
	void start() {
		if (!this.settings.enabled()) {
			return;
		}
		this.background = Executors.newSingleThreadScheduledExecutor((runnable) -> {
			Thread thread = new Thread(runnable, "scrubber");
			thread.setDaemon(true);
			return thread;
		});
		long every = this.settings.interval().toMillis();
		this.background.scheduleWithFixedDelay(() -> {
			try {
				// Once per cluster: instances sharing the database would read the same
				// replicas.
				if (this.cluster.hold("scrub", this.settings.interval().multipliedBy(3))) {
					round();
				}
			}
			catch (RuntimeException ex) {
				log.warn("Scrub round failed, will try again: {}", ex.toString());
			}
		}, every, every, TimeUnit.MILLISECONDS);
	}

	@PreDestroy
	void stop() {
		if (this.background != null) {
			this.background.shutdownNow();
		}
	}

	/**
	 * One round: at most {@code replicas-per-round} replicas and about
	 * {@code max-bytes-per-round}.
	 */
	public synchronized ScrubReport round() {
		long started = System.nanoTime();
		int checked = 0;
		int verified = 0;
		int mismatched = 0;
		int unreachable = 0;
		long planned = 0;
		long bytes = 0;
		for (Replica replica : due()) {
			if (checked > 0 && planned + replica.size() > this.settings.maxBytesPerRound().toBytes()) {
				break;
			}
			checked++;
			planned += replica.size();
			Outcome outcome = check(replica);
			if (outcome != Outcome.UNREACHABLE) {
				bytes += replica.size();
			}
			switch (outcome) {
				case VERIFIED -> verified++;
				case MISMATCHED -> mismatched++;
				case UNREACHABLE -> unreachable++;
			}
		}
		ScrubReport report = new ScrubReport(checked, verified, mismatched, unreachable, bytes,
				(System.nanoTime() - started) / 1e9);
		if (mismatched > 0 || unreachable > 0) {
			log.warn("Scrub round: {}", report);
		}
		else {
			log.debug("Scrub round: {}", report);
		}
		return report;
	}

	/**
	 * Reads back every verified replica of one object now, those found wrong included: a
	 * person who restored a replica (e.g. copied it from a verified one with a tool) or
	 * wants to know where an object stands need not wait for the rounds, which leave a
	 * replica found wrong alone for {@code dim.alerts.mismatch-window}. A replica that
	 * holds the bytes again is cleared of its finding.
	 */
	public synchronized ScrubReport checkObject(String key) {
		long started = System.nanoTime();
		int verified = 0;
		int mismatched = 0;
		int unreachable = 0;
		long bytes = 0;
		List<Replica> replicas = verifiedReplicasOf(key);
		for (Replica replica : replicas) {
			if (this.endpoints.find(replica.endpoint()).isEmpty()) {
				unreachable++; // an endpoint no longer configured
				continue;
			}
			switch (check(replica, "found by a check of the object")) {
				case VERIFIED -> verified++;
				case MISMATCHED -> mismatched++;
				case UNREACHABLE -> unreachable++;
			}
			bytes += replica.size();
		}
		return new ScrubReport(replicas.size(), verified, mismatched, unreachable, bytes,
				(System.nanoTime() - started) / 1e9);
	}

	/**
	 * Checks at once the verified replicas of one object in one bucket, as a round does:
	 * a bucket notification said someone else than DIM wrote or removed the object there,
	 * so the replica may now hold other bytes (the user's newest, which DIM reports and
	 * never copies over, see decision 007) or be gone. A replica whose endpoint does not
	 * answer loses its verification time: its last check no longer vouches for it, and
	 * the scrubber, which takes the longest unverified first, reads it before any other
	 * once its endpoint answers again.
	 * @param notified what the notification said, for the report ("a write", "a removal")
	 * @return what the replicas read back showed
	 */
	public synchronized NotifiedCheck checkBehindDimsBack(String key, String bucket, String notified) {
		int verified = 0;
		int wrong = 0;
		int unreachable = 0;
		List<Replica> replicas = verifiedReplicasOf(key);
		for (Replica replica : replicas) {
			if (!this.endpoints.find(replica.endpoint()).map(EndpointConfig::bucket).orElse("").equals(bucket)) {
				continue;
			}
			switch (check(replica, "found after a bucket notification of " + notified)) {
				case VERIFIED -> verified++;
				case MISMATCHED -> wrong++;
				case UNREACHABLE -> {
					unreachable++;
					unvouch(replica);
				}
			}
		}
		return new NotifiedCheck(verified, wrong, unreachable);
	}

	/**
	 * The verified replicas in a notified bucket, read back.
	 *
	 * @param verified those still holding the object's bytes
	 * @param wrong those holding other bytes, or gone (reported)
	 * @param unreachable those whose endpoint did not answer
	 */
	public record NotifiedCheck(int verified, int wrong, int unreachable) {

		/** Whether DIM had no verified replica in that bucket. */
		public boolean none() {
			return this.verified + this.wrong + this.unreachable == 0;
		}

	}

	private List<Replica> verifiedReplicasOf(String key) {
		return this.jdbc
			.query("SELECT r.object_key, r.endpoint, f.size_bytes, f.sha256 FROM replica r JOIN file_meta f "
					+ "ON f.object_key = r.object_key WHERE r.object_key = ? AND r.state = 'VALID' ORDER BY r.endpoint",
					(row, n) -> new Replica(row.getString(1), row.getString(2), row.getLong(3), row.getString(4)), key);
	}

	/**
	 * Verified replicas on endpoints that answer, the longest unverified first; those
	 * already found wrong are skipped (they are reported, and would otherwise take every
	 * round's places).
	 */
	private List<Replica> due() {
		List<String> readable = this.endpoints.all()
			.stream()
			.map(EndpointConfig::name)
			.filter((name) -> !this.faults.isFailed(name) && this.probe.status(name).up())
			.toList();
		if (readable.isEmpty()) {
			return List.of();
		}
		List<Object> args = new ArrayList<>(readable);
		args.add(this.mismatches.since());
		args.add(this.settings.replicasPerRound());
		return this.jdbc.query(
				"SELECT r.object_key, r.endpoint, f.size_bytes, f.sha256 FROM replica r "
						+ "JOIN file_meta f ON f.object_key = r.object_key WHERE r.state = 'VALID' AND r.endpoint IN ("
						+ String.join(",", readable.stream().map((e) -> "?").toList())
						+ ") AND (r.found_wrong_at IS NULL OR r.found_wrong_at < ?) "
						+ "ORDER BY COALESCE(r.verified_at, 0), r.object_key, r.endpoint LIMIT ?",
				(row, n) -> new Replica(row.getString(1), row.getString(2), row.getLong(3), row.getString(4)),
				args.toArray());
	}

	/**
	 * Clears the replica's verification time, which puts it first in the scrub's order.
	 */
	private void unvouch(Replica replica) {
		this.jdbc.update(
				"UPDATE replica SET verified_at = NULL WHERE object_key = ? AND endpoint = ? AND state = 'VALID'",
				replica.key(), replica.endpoint());
	}

	private Outcome check(Replica replica) {
		return check(replica, "found by the scrubber");
	}

	/** Reads the replica back; renews its verification time when it holds the bytes. */
	private Outcome check(Replica replica, String finder) {
		String bucket = this.clients.endpoint(replica.endpoint()).bucket();
		try (ResponseInputStream<GetObjectResponse> body = this.clients.client(replica.endpoint())
			.getObject((r) -> r.bucket(bucket).key(replica.key()))) {
			Long stored = body.response().contentLength();
			if (stored != null && stored != replica.size()) {
				body.abort();
				return mismatch(replica, finder, "holds " + stored + " bytes, the object has " + replica.size());
			}
			VerifiedBody.copy(body, OutputStream.nullOutputStream(), replica.sha256());
			this.jdbc.update(
					"UPDATE replica SET verified_at = ?, found_wrong_at = NULL WHERE object_key = ? "
							+ "AND endpoint = ? AND state = 'VALID'",
					System.currentTimeMillis(), replica.key(), replica.endpoint());
			return checked(Outcome.VERIFIED);
		}
		catch (VerifiedBody.ReplicaMismatchException ex) {
			return mismatch(replica, finder, ex.getMessage());
		}
		catch (NoSuchKeyException ex) {
			return mismatch(replica, finder, "the object is not there");
		}
		catch (SdkException | IOException ex) {
			String why = (ex instanceof SdkException sdk) ? S3Errors.describe(sdk) : ex.toString();
			log.info("Scrub: could not read '{}' from {}: {}", replica.key(), replica.endpoint(), why);
			return checked(Outcome.UNREACHABLE);
		}
	}

	private Outcome mismatch(Replica replica, String finder, String what) {
		this.mismatches.record(replica.key(), replica.endpoint(), finder + ": " + what);
		return checked(Outcome.MISMATCHED);
	}

	private Outcome checked(Outcome outcome) {
		checked(outcome.name().toLowerCase(java.util.Locale.ROOT)).increment();
		return outcome;
	}

	private Counter checked(String outcome) {
		return Counter.builder("dim_scrub_replicas_checked")
			.description("Replicas the scrubber read back, by outcome")
			.tag("outcome", outcome)
			.register(this.registry);
	}

	private enum Outcome {

		VERIFIED, MISMATCHED, UNREACHABLE

	}

	private record Replica(String key, String endpoint, long size, String sha256) {
	}

}
