package io.dim.api.bootstrap;

import java.util.List;

/**
 * What a bootstrap run did.
 *
 * @param endpoints endpoints prepared (bucket present)
 * @param bucketsCreated buckets that had to be created
 * @param objects objects in the sample set
 * @param created objects uploaded and recorded for the first time
 * @param restored recorded replicas that were missing on their endpoint and were written
 * again
 * @param unchanged objects already present and intact
 * @param bytesUploaded bytes written to endpoints
 * @param seconds duration
 */
public record BootstrapReport(List<String> endpoints, int bucketsCreated, int objects, int created, int restored,
		int unchanged, long bytesUploaded, double seconds) {

}
