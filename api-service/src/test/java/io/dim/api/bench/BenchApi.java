package io.dim.api.bench;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

import io.dim.api.ApiApplication;
import io.dim.api.bootstrap.BootstrapProgress;
import io.dim.api.bootstrap.Bootstrapper;
import io.dim.localstack.LocalStack;

/**
 * api-service for a benchmark: no web server (unless asked), no Kafka, background work
 * off, a fresh SQLite database in {@code dir}, and the buckets created on the stack's
 * endpoints (so they are healthy).
 */
final class BenchApi {

	private BenchApi() {
	}

	static ConfigurableApplicationContext start(LocalStack stack, Path dir, String... extraArgs) {
		return start(WebApplicationType.NONE, stack, dir, extraArgs);
	}

	/** The same with a web server on a free port ({@code local.server.port}). */
	static ConfigurableApplicationContext startWeb(LocalStack stack, Path dir, String... extraArgs) {
		List<String> args = new ArrayList<>(List.of(extraArgs));
		args.add("--server.port=0");
		return start(WebApplicationType.SERVLET, stack, dir, args.toArray(String[]::new));
	}

	private static ConfigurableApplicationContext start(WebApplicationType web, LocalStack stack, Path dir,
			String... extraArgs) {
		List<String> args = new ArrayList<>(List.of("--spring.main.banner-mode=off", "--logging.level.root=WARN",
				"--spring.datasource.url=jdbc:sqlite:" + dir.resolve("state.db"),
				"--dim.s3-endpoints=" + stack.s3EndpointsJson(), "--dim.kafka-bootstrap=127.0.0.1:1",
				"--spring.kafka.listener.auto-startup=false", "--spring.kafka.admin.auto-create=false",
				"--dim.migrator.scheduler-enabled=false", "--dim.scrub.enabled=false",
				"--dim.api-key=" + io.dim.api.support.Http.API_KEY,
				"--dim.read-api-key=" + io.dim.api.support.Http.READ_KEY, "--dim.migrator.repair-interval=1h",
				"--dim.placement.reoptimize-delay=1h", "--dim.bootstrap.objects=1", "--dim.bootstrap.min-bytes=1024",
				"--dim.bootstrap.max-bytes=2048"));
		args.addAll(List.of(extraArgs));
		ConfigurableApplicationContext context = new SpringApplicationBuilder(ApiApplication.class).web(web)
			.run(args.toArray(String[]::new));
		// One tiny sample object: creates the buckets.
		context.getBean(Bootstrapper.class).run(BootstrapProgress.NONE);
		return context;
	}

}
