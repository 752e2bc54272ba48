package io.dim.ml.serve;

import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.event.EventListener;
import org.springframework.dao.DataAccessException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * {@code POST /models/load} for every ml-service instance, not only the one asked: the
 * load is announced in {@code system_setting} ({@value #SETTING}, the time of the latest
 * load), and each serving instance checks it every {@code dim.ml.load-check-interval} and
 * loads the models again when another instance has announced a newer load. The instances
 * share the models directory ({@code MODELS_DIR}, e.g. a shared volume).
 */
@Component
class ModelLoads implements DisposableBean {

	static final String SETTING = "ml.models_loaded_at";

	private static final Logger log = LoggerFactory.getLogger(ModelLoads.class);

	private final JdbcTemplate jdbc;

	private final ModelStore store;

	private final ServeProperties settings;

	private final ScheduledExecutorService checker = Executors
		.newSingleThreadScheduledExecutor(Thread.ofPlatform().name("model-loads").daemon().factory());

	/** The latest load announced that this instance has followed (epoch milliseconds). */
	private volatile long followed;

	ModelLoads(JdbcTemplate jdbc, ModelStore store, ServeProperties settings) {
		this.jdbc = jdbc;
		this.store = store;
		this.settings = settings;
	}

	/** Starts checking once a serving instance is up (not in the commands). */
	@EventListener(ApplicationReadyEvent.class)
	void start(ApplicationReadyEvent event) {
		if (!(event.getApplicationContext() instanceof WebServerApplicationContext)) {
			return;
		}
		// Loaded at start: what was announced before is followed already.
		this.followed = announcedQuietly();
		long interval = this.settings.loadCheckInterval().toMillis();
		this.checker.scheduleWithFixedDelay(this::check, interval, interval, TimeUnit.MILLISECONDS);
	}

	/** Tells the other instances that this one has just loaded the models. */
	void announce() {
		long now = System.currentTimeMillis();
		this.jdbc.update(
				"INSERT INTO system_setting (setting_key, setting_value) VALUES (?, ?) "
						+ "ON CONFLICT (setting_key) DO UPDATE SET setting_value = excluded.setting_value",
				SETTING, Long.toString(now));
		this.followed = now;
	}

	private void check() {
		long announced = announcedQuietly();
		if (announced > this.followed) {
			ModelStore.LoadReport report = this.store.load();
			this.followed = announced;
			log.info("Models loaded again, as another instance did: {} {}", report.models().keySet(),
					report.problems().isEmpty() ? "" : report.problems());
		}
	}

	private long announcedQuietly() {
		try {
			List<String> value = this.jdbc
				.queryForList("SELECT setting_value FROM system_setting WHERE setting_key = ?", String.class, SETTING);
			return value.isEmpty() ? 0 : Long.parseLong(value.get(0));
		}
		catch (DataAccessException | NumberFormatException ex) {
			log.warn("Cannot read {}: {}", SETTING, ex.toString());
			return this.followed;
		}
	}

	@Override
	public void destroy() {
		this.checker.shutdownNow();
	}

}
