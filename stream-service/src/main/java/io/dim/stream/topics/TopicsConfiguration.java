package io.dim.stream.topics;

import org.apache.kafka.clients.admin.NewTopic;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.kafka.config.TopicBuilder;

import io.dim.model.stream.Topics;
import io.dim.stream.StreamProperties;

/** The topics stream-service reads and writes, created at start when missing. */
@Configuration(proxyBeanMethods = false)
class TopicsConfiguration {

	@Bean
	NewTopic accessTopic(StreamProperties properties) {
		return TopicBuilder.name(Topics.ACCESS).partitions(properties.partitions()).build();
	}

	@Bean
	NewTopic accessDeadLetterTopic() {
		return TopicBuilder.name(Topics.ACCESS_DLQ).partitions(1).build();
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

	@Bean
	NewTopic s3EventsTopic(StreamProperties properties) {
		return TopicBuilder.name(properties.s3EventsTopic()).partitions(3).build();
	}

}
