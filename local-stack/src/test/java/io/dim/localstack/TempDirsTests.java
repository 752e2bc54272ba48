package io.dim.localstack;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;

class TempDirsTests {

	@Test
	void aDirectoryIsCreatedWithThePrefixAndItsTreeCanBeDeleted() throws Exception {
		Path dir = TempDirs.deletedOnExit("dim-tempdirs-test");
		assertThat(dir).isDirectory();
		assertThat(dir.getFileName().toString()).startsWith("dim-tempdirs-test");
		Files.createDirectories(dir.resolve("aws/dim-data/a"));
		Files.writeString(dir.resolve("aws/dim-data/a/object.bin"), "bytes");

		TempDirs.deleteQuietly(dir);

		assertThat(dir).doesNotExist();
		// Deleting what is already gone is quiet too (the hook may run after a test did).
		TempDirs.deleteQuietly(dir);
	}

}
