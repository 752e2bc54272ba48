package io.dim.api.web;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.kafka.support.ProducerListener;

/**
 * Failed sends through the service's {@code KafkaTemplate} are reported by their callers,
 * once and saying what the failure means (read events spooled, a forget not announced).
 * spring-kafka's default listener would log every failed record again at ERROR with its
 * stack trace: in a Kafka outage, one for each read event Kafka took and did not write.
 */
@Configuration(proxyBeanMethods = false)
class KafkaSendFailures {

	@Bean
	ProducerListener<Object, Object> kafkaProducerListener() {
		return new ProducerListener<>() {
		};
	}

}
