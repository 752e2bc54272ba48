package io.dim.model.web;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.function.Consumer;

import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.servlet.mvc.method.annotation.StreamingResponseBody;

import tools.jackson.databind.json.JsonMapper;

/**
 * Progress of long operations as newline-delimited JSON ({@code application/x-ndjson}):
 * one object a line, each flushed at once, so a client sees progress while the work runs.
 * The lines are {@code {"progress": ...}} while it runs, then {@code {"report": ...}}, or
 * {@code {"error": "..."}} when it fails after the answer has begun (a refusal before
 * that is problem JSON with its 4xx status, like any other).
 */
public final class Ndjson {

	public static final String MEDIA_TYPE = "application/x-ndjson";

	private static final JsonMapper JSON = JsonMapper.builder().findAndAddModules().build();

	private Ndjson() {
	}

	/** A 200 response whose body {@code work} writes line by line. */
	public static ResponseEntity<StreamingResponseBody> stream(Consumer<Lines> work) {
		StreamingResponseBody body = (out) -> work.accept(new Lines(out));
		return ResponseEntity.ok().contentType(MediaType.parseMediaType(MEDIA_TYPE)).body(body);
	}

	/** Writes one JSON value a line. */
	public static final class Lines {

		private final OutputStream out;

		Lines(OutputStream out) {
			this.out = out;
		}

		/**
		 * Synchronized: a long operation may report progress from several threads (the
		 * what-if replays its policies side by side).
		 */
		public synchronized void write(Object value) {
			try {
				this.out.write(JSON.writeValueAsString(value).getBytes(StandardCharsets.UTF_8));
				this.out.write('\n');
				this.out.flush();
			}
			catch (IOException ex) {
				throw new UncheckedIOException(ex);
			}
		}

		/** The last line of a failed operation: {@code {"error": message}}. */
		public void error(String message) {
			write(Map.of("error", message));
		}

	}

}
