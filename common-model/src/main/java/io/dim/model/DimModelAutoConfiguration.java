package io.dim.model;

import java.time.Duration;
import java.util.Map;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.flyway.autoconfigure.FlywayConfigurationCustomizer;
import org.springframework.boot.flyway.autoconfigure.FlywayMigrationStrategy;
import org.springframework.boot.hibernate.autoconfigure.HibernateJpaAutoConfiguration;
import org.springframework.boot.persistence.autoconfigure.EntityScan;
import org.springframework.context.annotation.Bean;
import org.springframework.core.env.Environment;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.data.jpa.repository.config.EnableJpaRepositories;

import io.dim.model.config.DimProperties;
import io.dim.model.db.DatabaseVendor;
import io.dim.model.db.SchemaGate;
import io.dim.model.db.WriteTransactions;
import io.dim.model.endpoint.EndpointCatalog;
import io.dim.model.heat.HeatBands;

/**
 * Gives every service the shared schema (entities, repositories, Flyway placeholders),
 * the validated settings and the endpoint catalogue. Services set {@code dim.db.migrate}
 * to false to wait for the schema instead of migrating it.
 */
@AutoConfiguration(before = HibernateJpaAutoConfiguration.class)
@EnableConfigurationProperties({ DimProperties.class, HeatBands.class })
@EntityScan(basePackages = "io.dim.model")
@EnableJpaRepositories(basePackages = "io.dim.model")
public class DimModelAutoConfiguration {

	@Bean
	EndpointCatalog endpointCatalog(DimProperties properties) {
		return EndpointCatalog.fromSetting(properties.s3Endpoints(), properties.replicationFactor());
	}

	@Bean
	WriteTransactions writeTransactions(PlatformTransactionManager transactionManager, JdbcTemplate jdbc,
			Environment environment) {
		return new WriteTransactions(transactionManager, jdbc,
				DatabaseVendor.valueOf(environment.getProperty("dim.db.vendor", "SQLITE")));
	}

	@Bean
	FlywayConfigurationCustomizer dimFlywayPlaceholders(Environment environment) {
		DatabaseVendor vendor = DatabaseVendor.valueOf(environment.getProperty("dim.db.vendor", "SQLITE"));
		return (configuration) -> configuration.placeholders(Map.of("identity_pk", vendor.identityPrimaryKey()));
	}

	@Bean
	@ConditionalOnProperty(name = "dim.db.migrate", havingValue = "false")
	FlywayMigrationStrategy schemaGate(Environment environment) {
		Duration timeout = environment.getProperty("dim.db.schema-wait", Duration.class, Duration.ofSeconds(120));
		return new SchemaGate(timeout, Duration.ofSeconds(1));
	}

}
