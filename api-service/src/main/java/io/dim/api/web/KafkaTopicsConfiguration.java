package io.dim.api.web;

import org.apache.kafka.clients.admin.NewTopic;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.kafka.config.TopicBuilder;

import io.dim.model.stream.Topics;

/**
 * The topics api-service writes to and reads, created at start when missing (the same
 * declarations as stream-service's, so either may start first).
 */
@Configuration(proxyBeanMethods = false)
class KafkaTopicsConfiguration {

	@Bean
	NewTopic accessTopic(@Value("${dim.stream.partitions:6}") int partitions) {
		return TopicBuilder.name(Topics.ACCESS).partitions(partitions).build();
	}

	@Bean
	NewTopic heatTopic() {
		return TopicBuilder.name(Topics.HEAT).partitions(3).build();
	}

	@Bean
	NewTopic objectsCreatedTopic() {
		return TopicBuilder.name(Topics.CREATED).partitions(1).build();
	}

	@Bean
	NewTopic objectsRemovedTopic() {
		return TopicBuilder.name(Topics.REMOVED).partitions(1).build();
	}

	@Bean
	NewTopic objectsForgottenTopic() {
		return TopicBuilder.name(Topics.FORGOTTEN).partitions(1).build();
	}

}
