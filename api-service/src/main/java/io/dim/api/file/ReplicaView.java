package io.dim.api.file;

import java.time.Instant;

/** One replica in GET /files/{key}. */
public record ReplicaView(String endpoint, String state, Instant verifiedAt) {

}
