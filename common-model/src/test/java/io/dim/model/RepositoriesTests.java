package io.dim.model;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Instant;
import java.util.List;

import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

import io.dim.model.file.EndpointUsage;
import io.dim.model.file.FileMeta;
import io.dim.model.file.FileMetaRepository;
import io.dim.model.file.Replica;
import io.dim.model.file.ReplicaRepository;
import io.dim.model.migration.MigrationJob;
import io.dim.model.migration.MigrationJobRepository;
import io.dim.model.migration.MigrationTask;
import io.dim.model.migration.MigrationTaskRepository;
import io.dim.model.migration.TaskKind;
import io.dim.model.placement.PlacementDecision;
import io.dim.model.placement.PlacementDecisionRepository;
import io.dim.model.setting.SystemSetting;
import io.dim.model.setting.SystemSettingRepository;
import io.dim.model.testing.TestDatabases.Vendor;

/**
 * Tests for the repositories through Boot's own wiring (Flyway migration, dialect,
 * converters) on SQLite and PostgreSQL.
 */
class RepositoriesTests {

	@TempDir
	Path tempDir;

	@ParameterizedTest
	@EnumSource(Vendor.class)
	void storesAndReadsTheSchemaThroughJpa(Vendor vendor) {
		try (ConfigurableApplicationContext context = start(vendor.freshUrl(this.tempDir))) {
			Instant now = Instant.parse("2026-11-24T10:15:30.123Z");
			FileMetaRepository files = context.getBean(FileMetaRepository.class);
			ReplicaRepository replicas = context.getBean(ReplicaRepository.class);
			files.save(new FileMeta("données/été 2026.csv", 2048, "text/csv", "b".repeat(64), "\"etag\"", now));
			files.save(new FileMeta("b.bin", 100, "application/octet-stream", "c".repeat(64), "", now));
			replicas.saveAll(List.of(Replica.verified("données/été 2026.csv", "aws", now),
					Replica.verified("données/été 2026.csv", "gcp", now), Replica.verified("b.bin", "aws", now)));

			FileMeta loaded = files.findById("données/été 2026.csv").orElseThrow();
			assertThat(loaded.getCreatedAt()).isEqualTo(now);
			assertThat(loaded.getVersionToken()).isEqualTo("\"etag\"");
			assertThat(replicas.findByObjectKeyOrderByEndpoint("données/été 2026.csv")).extracting(Replica::getEndpoint)
				.containsExactly("aws", "gcp");
			assertThat(replicas.usageByEndpoint()).containsExactlyInAnyOrder(new EndpointUsage("aws", 2, 2148),
					new EndpointUsage("gcp", 1, 2048));

			MigrationJob job = context.getBean(MigrationJobRepository.class)
				.save(new MigrationJob("b.bin", "test", now));
			MigrationTask task = context.getBean(MigrationTaskRepository.class)
				.save(new MigrationTask(job.getId(), TaskKind.COPY, "b.bin", "aws", "gcp", now));
			assertThat(job.getId()).isNotNull();
			assertThat(task.getId()).isNotNull();
			assertThat(context.getBean(MigrationTaskRepository.class).findByJobIdOrderById(job.getId())).hasSize(1);

			PlacementDecisionRepository decisions = context.getBean(PlacementDecisionRepository.class);
			decisions.save(new PlacementDecision("b.bin", "cold", "gcp", 1, 0, 0, false, null, "{}", now));
			decisions.save(new PlacementDecision("b.bin", "hot", "aws", 2, 0, 0, true, "few endpoints", "{}",
					now.plusSeconds(1)));
			assertThat(decisions.findFirstByObjectKeyOrderByDecidedAtDescIdDesc("b.bin")).get().satisfies((latest) -> {
				assertThat(latest.getTier()).isEqualTo("hot");
				assertThat(latest.isDegraded()).isTrue();
			});

			context.getBean(SystemSettingRepository.class).save(new SystemSetting("policy.encryption", "true"));
			assertThat(context.getBean(SystemSettingRepository.class).findById("policy.encryption")).get()
				.extracting(SystemSetting::getValue)
				.isEqualTo("true");
		}
	}

	private static ConfigurableApplicationContext start(String url) {
		// As arguments: builder properties would rank below the shared service defaults.
		return new SpringApplicationBuilder(ModelTestApplication.class).web(WebApplicationType.NONE)
			.run("--spring.datasource.url=" + url, "--dim.db.migrate=true");
	}

}
