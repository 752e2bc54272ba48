package io.dim.api.alert;

import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.DescribeClusterOptions;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.kafka.core.KafkaAdmin;
import org.springframework.stereotype.Component;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;

/**
 * Asks the Kafka cluster whether it answers (describe cluster, within
 * {@code dim.alerts.kafka-timeout}), for the {@code kafka_down} rule and the gauge
 * {@code dim_kafka_up}. Kafka being down loses no object, but nothing is counted into
 * heat meanwhile: without this the only trace would be warnings in the logs.
 */
@Component
class KafkaProbe implements DisposableBean {

	private final KafkaAdmin kafka;

	private final Duration timeout;

	private final AtomicInteger up = new AtomicInteger(1);

	private Admin admin;

	KafkaProbe(KafkaAdmin kafka, AlertProperties settings, MeterRegistry registry) {
		this.kafka = kafka;
		this.timeout = settings.kafkaTimeout();
		Gauge.builder("dim_kafka_up", this.up, AtomicInteger::get)
			.description("Whether the Kafka cluster answered the last alert round's probe (1) or not (0)")
			.register(registry);
	}

	/** The brokers asked, as configured. */
	String bootstrap() {
		Object servers = this.kafka.getConfigurationProperties().get(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG);
		if (servers instanceof java.util.Collection<?> list) {
			return String.join(",", list.stream().map(String::valueOf).toList());
		}
		return String.valueOf(servers);
	}

	/** Why the cluster did not answer, or empty when it did. */
	synchronized Optional<String> problem() {
		Optional<String> problem = ask();
		this.up.set(problem.isEmpty() ? 1 : 0);
		return problem;
	}

	private Optional<String> ask() {
		int millis = (int) this.timeout.toMillis();
		try {
			admin().describeCluster(new DescribeClusterOptions().timeoutMs(millis))
				.clusterId()
				.get(millis + 1000L, TimeUnit.MILLISECONDS);
			return Optional.empty();
		}
		catch (ExecutionException ex) {
			Throwable cause = (ex.getCause() != null) ? ex.getCause() : ex;
			return Optional.of(cause.getClass().getSimpleName() + ": " + cause.getMessage());
		}
		catch (TimeoutException ex) {
			return Optional.of("no answer within " + this.timeout.toMillis() + " ms");
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			return Optional.of("interrupted while asking");
		}
	}

	private Admin admin() {
		if (this.admin == null) {
			this.admin = Admin.create(this.kafka.getConfigurationProperties());
		}
		return this.admin;
	}

	@Override
	public synchronized void destroy() {
		if (this.admin != null) {
			this.admin.close(Duration.ofSeconds(1));
		}
	}

}
