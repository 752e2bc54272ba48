package io.dim.model.db;

import java.util.HashMap;
import java.util.Map;

import org.springframework.boot.EnvironmentPostProcessor;
import org.springframework.boot.SpringApplication;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;

/**
 * Derives the datasource from {@code DB_URL} before the context starts: SQLite by default
 * (with WAL, a busy timeout, its folder created and Hibernate's community dialect), or
 * PostgreSQL. A URL of any other kind stops the service with one line.
 */
class DatabaseEnvironment implements EnvironmentPostProcessor {

	static final String DEFAULT_URL = "jdbc:sqlite:./data/state.db";

	@Override
	public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
		String url = environment.getProperty("spring.datasource.url");
		if (url == null || url.isBlank()) {
			url = environment.getProperty("DB_URL", DEFAULT_URL);
		}
		DatabaseVendor vendor = DatabaseVendor.of(url.trim());
		Map<String, Object> derived = new HashMap<>();
		if (vendor == DatabaseVendor.SQLITE) {
			derived.put("spring.datasource.url", JdbcUrls.prepareSqlite(url.trim()));
			derived.put("spring.datasource.driver-class-name", "org.sqlite.JDBC");
			derived.put("spring.jpa.database-platform", "org.hibernate.community.dialect.SQLiteDialect");
			// One file, one writer at a time: a small pool avoids queueing on SQLite's
			// lock.
			derived.put("spring.datasource.hikari.maximum-pool-size",
					environment.getProperty("spring.datasource.hikari.maximum-pool-size", "4"));
		}
		else {
			derived.put("spring.datasource.url", url.trim());
			derived.put("spring.datasource.driver-class-name", "org.postgresql.Driver");
		}
		derived.put("dim.db.vendor", vendor.name());
		environment.getPropertySources().addFirst(new MapPropertySource("dimDatabase", derived));
	}

}
