package io.dim.api.file;

import java.time.Instant;
import java.util.List;

/** GET /files/{key}: an object's metadata, heat and replicas. */
public record FileDetail(String key, long size, String contentType, String sha256, String versionToken,
		Instant createdAt, String tier, double heat, Instant lastAccess, long reads, long writes,
		List<ReplicaView> replicas) {

}
