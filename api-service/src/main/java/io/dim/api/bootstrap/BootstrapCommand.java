package io.dim.api.bootstrap;

import java.util.Locale;

import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

import io.dim.api.ApiApplication;
import io.dim.model.config.InvalidSettingException;

/**
 * {@code java -jar api-service.jar bootstrap}: runs the bootstrap without the web server,
 * printing one progress line per object, and exits 0 on success or with one error line
 * and a non-zero code.
 */
public final class BootstrapCommand {

	private BootstrapCommand() {
	}

	public static int run(String[] args) {
		ConfigurableApplicationContext context;
		try {
			context = new SpringApplicationBuilder(ApiApplication.class).web(WebApplicationType.NONE)
				.properties("spring.main.banner-mode=off", "logging.level.root=WARN", "logging.level.io.dim=WARN")
				.run(withoutKafkaListeners(args));
		}
		catch (RuntimeException ex) {
			System.err.println("bootstrap: " + startupProblem(ex));
			return 2;
		}
		try (context) {
			BootstrapReport report = context.getBean(Bootstrapper.class).run(BootstrapCommand::print);
			System.out.printf(Locale.ROOT,
					"bootstrap: done in %.1f s: %d objects (%d created, %d restored, %d unchanged), %d buckets created, %s uploaded%n",
					report.seconds(), report.objects(), report.created(), report.restored(), report.unchanged(),
					report.bucketsCreated(), humanBytes(report.bytesUploaded()));
			return 0;
		}
		catch (EndpointUnreachableException ex) {
			System.err.println("bootstrap: " + ex.line());
			return 1;
		}
		catch (RuntimeException ex) {
			System.err.println("bootstrap: failed: " + ex.getMessage());
			return 1;
		}
	}

	/** The command needs no listener and must not wait for a broker. */
	private static String[] withoutKafkaListeners(String[] args) {
		String[] all = java.util.Arrays.copyOf(args, args.length + 2);
		all[args.length] = "--spring.kafka.listener.auto-startup=false";
		all[args.length + 1] = "--spring.kafka.admin.auto-create=false";
		return all;
	}

	private static void print(BootstrapProgress.Step step) {
		System.out.printf(Locale.ROOT, "[%d/%d] %-9s %s (%s)%s%n", step.done(), step.total(), step.action(), step.key(),
				humanBytes(step.size()),
				step.endpoints().isEmpty() ? "" : " -> " + String.join(", ", step.endpoints()));
	}

	private static String startupProblem(Throwable ex) {
		for (Throwable cause = ex; cause != null; cause = cause.getCause()) {
			if (cause instanceof InvalidSettingException invalid) {
				return invalid.getMessage();
			}
		}
		return "cannot start: " + ex.getMessage();
	}

	static String humanBytes(long bytes) {
		if (bytes < 1024) {
			return bytes + " B";
		}
		int unit = (int) (Math.log(bytes) / Math.log(1024));
		return String.format(Locale.ROOT, "%.1f %sB", bytes / Math.pow(1024, unit), "KMGTPE".charAt(unit - 1));
	}

}
