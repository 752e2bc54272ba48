package io.dim.api.read;

import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

import org.apache.catalina.connector.ClientAbortException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpRange;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Component;
import org.springframework.web.ErrorResponseException;
import org.springframework.web.servlet.mvc.method.annotation.StreamingResponseBody;

import io.dim.api.file.ReplicaMismatches;
import io.dim.api.s3.S3Clients;
import io.dim.api.s3.S3Errors;
import io.dim.model.endpoint.EndpointConfig;
import io.dim.model.file.FileMeta;
import software.amazon.awssdk.core.ResponseInputStream;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.s3.model.GetObjectResponse;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;
import software.amazon.awssdk.services.s3.model.S3Exception;

/**
 * Reads of a part of an object ({@code Range: bytes=...}): a Parquet reader's footer, a
 * resumed download. Only that part leaves the cloud. It comes from the same replicas in
 * the same order as a whole read, and the next replica is tried when one does not answer
 * or holds another size than the object's. A part cannot be checked against the whole
 * object's SHA-256 without reading the whole, so its bytes are served as the replica
 * holds them: the replica was verified when it was copied and is read back by the
 * scrubber, and one found with other bytes is tried last. Each part read counts as a read
 * of its bytes.
 */
@Component
class PartialReads {

	private static final Logger log = LoggerFactory.getLogger(PartialReads.class);

	private final S3Clients clients;

	private final ReadEvents readEvents;

	private final ReplicaMismatches mismatches;

	PartialReads(S3Clients clients, ReadEvents readEvents, ReplicaMismatches mismatches) {
		this.clients = clients;
		this.readEvents = readEvents;
		this.mismatches = mismatches;
	}

	/**
	 * The one byte range asked for, or empty for the whole object: no Range header, an
	 * If-Range naming other bytes (or a date: DIM gives no Last-Modified), a unit other
	 * than bytes, or several ranges (which a server may answer with the whole). 416 for a
	 * range the object does not reach or one that cannot be read.
	 */
	static Optional<Part> asked(String range, String ifRange, FileMeta meta) {
		if (range == null || (ifRange != null && !ifRange.strip().equals(ContentController.etag(meta)))
				|| !range.strip().toLowerCase(Locale.ROOT).startsWith("bytes=")) {
			return Optional.empty(); // (a unit other than bytes is ignored, as HTTP asks)
		}
		List<HttpRange> ranges;
		try {
			ranges = HttpRange.parseRanges(range);
		}
		catch (IllegalArgumentException ex) {
			throw unsatisfiable(meta, "header 'Range' must be one byte range such as bytes=0-1023, bytes=1024- or "
					+ "bytes=-1024 (got '" + range + "')");
		}
		if (ranges.size() != 1) {
			return Optional.empty();
		}
		long size = meta.getSizeBytes();
		HttpRange one = ranges.get(0);
		long start = one.getRangeStart(size);
		if (size == 0 || start >= size) {
			throw unsatisfiable(meta, String.format(Locale.ROOT,
					"header 'Range' (%s) starts past the object's end: it has %d bytes", range, size));
		}
		return Optional.of(new Part(start, one.getRangeEnd(size)));
	}

	/** 206 with the part from the first replica that serves it, else 503. */
	ResponseEntity<StreamingResponseBody> serve(FileMeta meta, Part part, List<String> candidates) {
		String key = meta.getObjectKey();
		List<String> errors = new ArrayList<>();
		for (String endpoint : candidates) {
			EndpointConfig config = this.clients.endpoint(endpoint);
			try {
				ResponseInputStream<GetObjectResponse> body = this.clients.client(endpoint)
					.getObject((r) -> r.bucket(config.bucket()).key(key).range(part.header()));
				String served = body.response().contentRange();
				if (served == null) {
					body.abort();
					errors.add(endpoint + ": it answered the range without a Content-Range");
					continue;
				}
				long stored = totalOf(served);
				if (stored != meta.getSizeBytes()) {
					body.abort();
					String what = "holds " + stored + " bytes, the object has " + meta.getSizeBytes();
					this.mismatches.record(key, endpoint, what);
					errors.add(endpoint + ": " + what);
					continue;
				}
				StreamingResponseBody stream = (out) -> {
					try (InputStream in = body) {
						long copied = in.transferTo(out);
						if (copied != part.length()) {
							throw new IOException(
									endpoint + " sent " + copied + " of the part's " + part.length() + " bytes");
						}
					}
					catch (ClientAbortException ex) {
						throw ex; // the client went away: nothing to say
					}
					catch (IOException ex) {
						log.warn("Reading bytes {}-{} of '{}' from {} failed mid-answer, which was ended short: {}",
								part.start(), part.end(), key, endpoint, ex.toString());
						throw ContentController.endedShort(ex);
					}
				};
				this.readEvents.recordRead(meta, part.length());
				return ContentController
					.objectHeaders(ResponseEntity.status(HttpStatus.PARTIAL_CONTENT), meta, part.length())
					.header(HttpHeaders.CONTENT_RANGE, part.contentRange(meta.getSizeBytes()))
					.header("X-DIM-Served-From", endpoint)
					.body(stream);
			}
			catch (NoSuchKeyException ex) {
				this.mismatches.record(key, endpoint, "the object is not there");
				errors.add(endpoint + ": the object is not there");
			}
			catch (SdkException ex) {
				if (ex instanceof S3Exception s3
						&& s3.statusCode() == HttpStatus.REQUESTED_RANGE_NOT_SATISFIABLE.value()) {
					// The part lies within the object: a replica that cannot serve it is
					// shorter than the object.
					String what = "holds fewer than the " + (part.end() + 1) + " bytes the part needs, the object has "
							+ meta.getSizeBytes();
					this.mismatches.record(key, endpoint, what);
					errors.add(endpoint + ": " + what);
					continue;
				}
				errors.add(endpoint + ": " + S3Errors.describe(ex));
				log.info("Reading bytes {}-{} of '{}' from {} failed, trying the next replica: {}", part.start(),
						part.end(), key, endpoint, S3Errors.describe(ex));
			}
		}
		throw ContentController.noReplicaServed(key, errors);
	}

	/** The object's size in a Content-Range answer ("bytes 0-99/1234"), -1 if none. */
	private static long totalOf(String contentRange) {
		if (contentRange.indexOf('/') < 0) {
			return -1;
		}
		try {
			return Long.parseLong(contentRange.substring(contentRange.indexOf('/') + 1).strip());
		}
		catch (NumberFormatException ex) {
			return -1;
		}
	}

	private static ErrorResponseException unsatisfiable(FileMeta meta, String detail) {
		ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.REQUESTED_RANGE_NOT_SATISFIABLE, detail);
		problem.setProperty("header", "Range");
		ErrorResponseException refused = new ErrorResponseException(HttpStatus.REQUESTED_RANGE_NOT_SATISFIABLE, problem,
				null);
		refused.getHeaders().set(HttpHeaders.CONTENT_RANGE, "bytes */" + meta.getSizeBytes());
		return refused;
	}

	/** Bytes {@code start} to {@code end}, both included. */
	record Part(long start, long end) {

		long length() {
			return this.end - this.start + 1;
		}

		String header() {
			return "bytes=" + this.start + "-" + this.end;
		}

		String contentRange(long size) {
			return "bytes " + this.start + "-" + this.end + "/" + size;
		}

	}

}
