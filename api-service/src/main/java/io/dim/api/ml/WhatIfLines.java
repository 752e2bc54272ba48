package io.dim.api.ml;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;

import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * ml-service's what-if answer with progress ({@code application/x-ndjson}), one JSON
 * value a line, read as it arrives. The whole answer must arrive within
 * {@code dim.ml.what-if-timeout}, as the plain answer must: past it the connection is
 * closed, which ends a read waiting on a stalled ml-service.
 */
public final class WhatIfLines implements AutoCloseable {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private final InputStream body;

	private final BufferedReader reader;

	private final Duration limit;

	private final AtomicBoolean closed = new AtomicBoolean();

	private volatile boolean timedOut;

	WhatIfLines(InputStream body, Duration limit) {
		this.body = body;
		this.reader = new BufferedReader(new InputStreamReader(body, StandardCharsets.UTF_8));
		this.limit = limit;
		CompletableFuture.delayedExecutor(limit.toMillis(), TimeUnit.MILLISECONDS).execute(() -> {
			if (!this.closed.get()) {
				this.timedOut = true;
				close();
			}
		});
	}

	/**
	 * Hands every line to {@code line} as it arrives, until ml-service's last.
	 * @throws MlUnavailableException when ml-service stops answering, sends a line that
	 * is not JSON, or takes longer than the limit
	 */
	public void forEach(Consumer<JsonNode> line) {
		try {
			for (String text = this.reader.readLine(); text != null; text = this.reader.readLine()) {
				if (!text.isBlank()) {
					line.accept(JSON.readTree(text));
				}
			}
		}
		catch (IOException ex) {
			throw new MlUnavailableException(this.timedOut
					? "ml-service did not finish the what-if within " + this.limit + " (dim.ml.what-if-timeout)"
					: "ml-service stopped answering during the what-if (" + ex.getClass().getSimpleName() + ")");
		}
		catch (JacksonException ex) {
			throw new MlUnavailableException("ml-service sent a what-if line that is not JSON");
		}
	}

	@Override
	public void close() {
		if (this.closed.compareAndSet(false, true)) {
			try {
				this.body.close();
			}
			catch (IOException ex) {
				// Nothing more will be read from it.
			}
		}
	}

}
