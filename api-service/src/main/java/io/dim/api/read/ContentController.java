package io.dim.api.read;

import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

import org.apache.catalina.connector.ClientAbortException;
import org.apache.coyote.CloseNowException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.CacheControl;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.ErrorResponseException;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestMethod;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.mvc.method.annotation.StreamingResponseBody;

import io.dim.api.file.ReplicaMismatches;
import io.dim.api.file.UnknownObjectException;
import io.dim.api.migrate.CopyOnRead;
import io.dim.api.s3.S3Clients;
import io.dim.api.s3.S3Errors;
import io.dim.api.s3.S3Faults;
import io.dim.model.endpoint.EndpointConfig;
import io.dim.model.file.FileMeta;
import io.dim.model.file.FileMetaRepository;
import io.dim.model.file.Replica;
import io.dim.model.file.ReplicaRepository;
import io.dim.model.file.ReplicaState;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.swagger.v3.oas.annotations.Operation;
import software.amazon.awssdk.core.ResponseInputStream;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.s3.model.GetObjectResponse;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;

/**
 * Streams an object from its best replica: verified replicas in order of latency, failed
 * (chaos) endpoints last, the next one tried when one does not answer or holds another
 * size than the object's. The bytes are checked against the object's SHA-256
 * ({@link VerifiedBody}): before the answer starts for objects up to
 * {@link #CHECKED_BEFORE_ANSWER_BYTES} (a wrong replica is passed over), on the way for
 * larger ones (a wrong replica ends the answer short), never served complete and wrong.
 * Each read is recorded as a READ access event on dim.access ({@link ReadEvents}), so
 * reads through DIM heat objects up. A read carries a pending copy of its object
 * ({@link CopyOnRead}): the bytes it serves also go to the new replica. A part of the
 * object (a Range) is read by {@link PartialReads}.
 */
@RestController
class ContentController {

	private static final Logger log = LoggerFactory.getLogger(ContentController.class);

	/**
	 * Objects up to this size are read and checked before the answer starts, so a replica
	 * with other bytes (or one failing mid-read) is passed over for the next one; larger
	 * ones stream, checked on the way, and a wrong replica ends the answer short.
	 */
	static final int CHECKED_BEFORE_ANSWER_BYTES = 1024 * 1024;

	/**
	 * A client may keep the bytes and ask again with If-None-Match (304, nothing read);
	 * caches shared by several clients keep nothing, as the API key guards the bytes.
	 */
	static final CacheControl REVALIDATE = CacheControl.noCache().cachePrivate();

	private final FileMetaRepository files;

	private final ReplicaRepository replicas;

	private final S3Clients clients;

	private final S3Faults faults;

	private final ReadEvents readEvents;

	private final Counter failovers;

	private final ReplicaMismatches mismatches;

	private final CopyOnRead copyOnRead;

	private final PartialReads partialReads;

	ContentController(FileMetaRepository files, ReplicaRepository replicas, S3Clients clients, S3Faults faults,
			ReadEvents readEvents, ReplicaMismatches mismatches, CopyOnRead copyOnRead, PartialReads partialReads,
			MeterRegistry registry) {
		this.copyOnRead = copyOnRead;
		this.partialReads = partialReads;
		this.files = files;
		this.replicas = replicas;
		this.clients = clients;
		this.faults = faults;
		this.readEvents = readEvents;
		this.mismatches = mismatches;
		this.failovers = Counter.builder("dim_read_failovers")
			.description("Reads served by another replica after one failed")
			.register(registry);
	}

	@GetMapping("/files/{key}/content")
	@Operation(summary = "The object's bytes from its best reachable replica (header X-DIM-Served-From names it), "
			+ "checked against its SHA-256, which is also its ETag; 503 when no replica can be served. "
			+ "If-None-Match with that ETag: 304, nothing read and no read counted. Range: bytes=a-b (one range; "
			+ "If-Range with the ETag): 206 with that part only, not hashed (the whole is), 416 past the end")
	ResponseEntity<StreamingResponseBody> content(@PathVariable String key,
			@RequestHeader(name = HttpHeaders.IF_NONE_MATCH, required = false) String ifNoneMatch,
			@RequestHeader(name = HttpHeaders.RANGE, required = false) String range,
			@RequestHeader(name = HttpHeaders.IF_RANGE, required = false) String ifRange) {
		FileMeta meta = this.files.findById(key).orElseThrow(() -> new UnknownObjectException(key));
		if (matches(ifNoneMatch, meta)) {
			// The client holds these bytes: none leave a cloud, so it is no read to place
			// the object for.
			return ResponseEntity.status(HttpStatus.NOT_MODIFIED).eTag(etag(meta)).cacheControl(REVALIDATE).build();
		}
		Optional<PartialReads.Part> part = PartialReads.asked(range, ifRange, meta);
		if (part.isPresent()) {
			return this.partialReads.serve(meta, part.get(), candidates(key));
		}
		List<String> errors = new ArrayList<>();
		for (String endpoint : candidates(key)) {
			EndpointConfig config = this.clients.endpoint(endpoint);
			try {
				ResponseInputStream<GetObjectResponse> body = this.clients.client(endpoint)
					.getObject((r) -> r.bucket(config.bucket()).key(key));
				Long stored = body.response().contentLength();
				if (stored != null && stored != meta.getSizeBytes()) {
					body.abort();
					String what = "holds " + stored + " bytes, the object has " + meta.getSizeBytes();
					this.mismatches.record(key, endpoint, what);
					errors.add(endpoint + ": " + what);
					continue;
				}
				StreamingResponseBody stream;
				if (meta.getSizeBytes() <= CHECKED_BEFORE_ANSWER_BYTES) {
					byte[] bytes;
					try (InputStream in = body) {
						bytes = VerifiedBody.readAll(in, meta.getSha256());
					}
					catch (VerifiedBody.ReplicaMismatchException ex) {
						this.mismatches.record(key, endpoint, ex.getMessage());
						errors.add(endpoint + ": " + ex.getMessage());
						continue;
					}
					catch (IOException ex) {
						errors.add(endpoint + ": " + ex.getMessage());
						log.info("Reading '{}' from {} failed, trying the next replica: {}", key, endpoint,
								ex.toString());
						continue;
					}
					GetObjectResponse source = body.response();
					stream = (out) -> {
						out.write(bytes);
						out.flush();
						carrySmall(meta, endpoint, source, bytes);
					};
				}
				else {
					stream = (out) -> {
						try (InputStream in = body) {
							Optional<CopyOnRead.Carry> carry = this.copyOnRead.claim(key, endpoint,
									meta.getSizeBytes());
							if (carry.isPresent()) {
								CarryingBody.serve(in, out, meta.getSha256(), meta.getSizeBytes(), carry.get(),
										body.response());
							}
							else {
								VerifiedBody.copy(in, out, meta.getSha256());
							}
						}
						catch (VerifiedBody.ReplicaMismatchException ex) {
							this.mismatches.record(key, endpoint, ex.getMessage() + " (the read was ended short)");
							throw endedShort(ex);
						}
						catch (ClientAbortException ex) {
							throw ex; // the client went away: nothing to say
						}
						catch (IOException ex) {
							log.warn("Reading '{}' from {} failed mid-answer, which was ended short: {}", key, endpoint,
									ex.toString());
							throw endedShort(ex);
						}
					};
				}
				if (!errors.isEmpty()) {
					this.failovers.increment();
				}
				this.readEvents.recordRead(meta);
				return objectHeaders(ResponseEntity.ok(), meta, meta.getSizeBytes())
					.header("X-DIM-Served-From", endpoint)
					.body(stream);
			}
			catch (NoSuchKeyException ex) {
				this.mismatches.record(key, endpoint, "the object is not there");
				errors.add(endpoint + ": the object is not there");
			}
			catch (SdkException ex) {
				errors.add(endpoint + ": " + S3Errors.describe(ex));
				log.info("Reading '{}' from {} failed, trying the next replica: {}", key, endpoint,
						S3Errors.describe(ex));
			}
		}
		throw noReplicaServed(key, errors);
	}

	/** 503: no replica recorded, or each one's error. */
	static ErrorResponseException noReplicaServed(String key, List<String> errors) {
		String detail = errors.isEmpty() ? "no verified replica of '" + key + "' is recorded"
				: "no replica of '" + key + "' can be served: " + String.join("; ", errors);
		return new ErrorResponseException(HttpStatus.SERVICE_UNAVAILABLE,
				ProblemDetail.forStatusAndDetail(HttpStatus.SERVICE_UNAVAILABLE, detail), null);
	}

	/**
	 * Without this, Spring MVC would answer HEAD by running the GET: a whole object read
	 * from a cloud (egress paid) and counted as a read, for headers only.
	 */
	@RequestMapping(method = RequestMethod.HEAD, path = "/files/{key}/content")
	@Operation(summary = "The object's length, type and ETag (its SHA-256) from the catalogue: no replica is read "
			+ "and no read counted; 503 when no verified replica is recorded")
	ResponseEntity<Void> head(@PathVariable String key,
			@RequestHeader(name = HttpHeaders.IF_NONE_MATCH, required = false) String ifNoneMatch) {
		FileMeta meta = this.files.findById(key).orElseThrow(() -> new UnknownObjectException(key));
		if (candidates(key).isEmpty()) {
			throw noReplicaServed(key, List.of());
		}
		if (matches(ifNoneMatch, meta)) {
			return ResponseEntity.status(HttpStatus.NOT_MODIFIED).eTag(etag(meta)).cacheControl(REVALIDATE).build();
		}
		return objectHeaders(ResponseEntity.ok(), meta, meta.getSizeBytes()).build();
	}

	/** The headers of an answer holding the object or {@code length} bytes of it. */
	static ResponseEntity.BodyBuilder objectHeaders(ResponseEntity.BodyBuilder answer, FileMeta meta, long length) {
		return answer.contentType(MediaType.parseMediaType(meta.getContentType()))
			.contentLength(length)
			.eTag(etag(meta))
			.cacheControl(REVALIDATE)
			.header(HttpHeaders.ACCEPT_RANGES, "bytes");
	}

	/** A strong ETag: the same hash, the same bytes. */
	static String etag(FileMeta meta) {
		return "\"" + meta.getSha256() + "\"";
	}

	/**
	 * Whether an If-None-Match header ("*", or a list of ETags, weak or strong) names the
	 * object's bytes.
	 */
	static boolean matches(String ifNoneMatch, FileMeta meta) {
		if (ifNoneMatch == null) {
			return false;
		}
		for (String tag : ifNoneMatch.split(",")) {
			String one = tag.strip();
			if (one.startsWith("W/")) {
				one = one.substring(2);
			}
			if (one.equals("*") || one.equals(etag(meta))) {
				return true;
			}
		}
		return false;
	}

	/**
	 * Ends an answer whose status and length were sent: Tomcat closes the connection, so
	 * the client sees it short, never complete. Said once, above: thrown on, the cause
	 * would be logged twice more at ERROR with its trace, where Tomcat logs this
	 * exception only at debug.
	 */
	static CloseNowException endedShort(IOException cause) {
		return new CloseNowException("the answer was ended short: " + cause.getMessage(), cause);
	}

	/**
	 * Verified replicas on known endpoints, lowest latency first, failed endpoints last,
	 * and after them replicas found not to hold the object's bytes (tried only when no
	 * other can serve: the finding may be stale, the object rewritten behind DIM's back).
	 */
	private List<String> candidates(String key) {
		java.util.Set<String> foundWrong = this.mismatches.foundOn(key);
		return this.replicas.findByObjectKeyOrderByEndpoint(key)
			.stream()
			.filter((replica) -> replica.getState() == ReplicaState.VALID)
			.map(Replica::getEndpoint)
			.filter(this.clients::known)
			.sorted(Comparator.comparing((String e) -> foundWrong.contains(e))
				.thenComparing((e) -> this.faults.isFailed(e))
				.thenComparingDouble((e) -> this.clients.endpoint(e).latencyMs()))
			.toList();
	}

	/**
	 * A small object's read, already served from memory, carries a pending copy of it:
	 * the same bytes, verified, are uploaded. A failure leaves the copy to the migrator.
	 */
	private void carrySmall(FileMeta meta, String serving, GetObjectResponse source, byte[] bytes) {
		Optional<CopyOnRead.Carry> carry = this.copyOnRead.claim(meta.getObjectKey(), serving, meta.getSizeBytes());
		if (carry.isEmpty()) {
			return;
		}
		try {
			carry.get().upload(source, new java.io.ByteArrayInputStream(bytes), meta::getSha256);
		}
		catch (IOException | RuntimeException ex) {
			log.info("A read of '{}' could not carry its copy to {}; the migrator makes it: {}", meta.getObjectKey(),
					carry.get().target(), S3Errors.describe(ex));
		}
	}

}
