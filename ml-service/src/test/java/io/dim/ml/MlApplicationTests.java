package io.dim.ml;

import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.dim.model.testing.ServiceStartChecks;

/** Tests for {@link MlApplication} start-up. */
class MlApplicationTests {

	@Test
	void waitsForTheSchemaThenServesHealthAndMetrics(@TempDir Path tempDir) throws Exception {
		ServiceStartChecks.assertWaitsForTheSchemaThenServes(MlApplication.class, tempDir);
	}

}
