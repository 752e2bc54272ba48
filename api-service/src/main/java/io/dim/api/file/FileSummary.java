package io.dim.api.file;

import java.time.Instant;
import java.util.List;

/** One object in GET /files. */
public record FileSummary(String key, long size, String contentType, String tier, double heat, Instant lastAccess,
		long reads, long writes, List<String> replicas) {

}
