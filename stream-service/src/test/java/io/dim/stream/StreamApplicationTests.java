package io.dim.stream;

import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.dim.model.testing.ServiceStartChecks;

/** Tests for {@link StreamApplication} start-up. */
class StreamApplicationTests {

	@Test
	void waitsForTheSchemaThenServesHealthAndMetrics(@TempDir Path tempDir) throws Exception {
		ServiceStartChecks.assertWaitsForTheSchemaThenServes(StreamApplication.class, tempDir);
	}

}
