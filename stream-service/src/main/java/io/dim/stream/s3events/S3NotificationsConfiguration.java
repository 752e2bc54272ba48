package io.dim.stream.s3events;

import java.util.UUID;

import org.springframework.boot.kafka.autoconfigure.KafkaProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.kafka.config.ConcurrentKafkaListenerContainerFactory;
import org.springframework.kafka.core.ConsumerFactory;
import org.springframework.kafka.core.DefaultKafkaProducerFactory;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.kafka.transaction.KafkaTransactionManager;

/**
 * Consume-transform-produce in Kafka transactions for the S3 adapter: the events it
 * publishes and the notification offset it consumed commit together. The heat consumer
 * reads with isolation.level=read_committed, so it never sees an aborted attempt. The
 * transactional producer lives in its own holder type so that Boot's default producer and
 * template, used everywhere else, stay non-transactional.
 */
@Configuration(proxyBeanMethods = false)
class S3NotificationsConfiguration {

	@Bean(destroyMethod = "close")
	TransactionalProducer s3NotificationProducer(KafkaProperties properties) {
		DefaultKafkaProducerFactory<String, byte[]> factory = new DefaultKafkaProducerFactory<>(
				properties.buildProducerProperties());
		// Unique per instance: instances sharing transactional ids would fence each
		// other's producers (Kafka's EOS v2 needs no id that outlives the process).
		factory.setTransactionIdPrefix("dim-s3-adapter-" + UUID.randomUUID().toString().substring(0, 8) + "-");
		return new TransactionalProducer(factory, new KafkaTemplate<>(factory));
	}

	@Bean
	ConcurrentKafkaListenerContainerFactory<String, byte[]> s3NotificationContainerFactory(
			ConsumerFactory<String, byte[]> consumerFactory, TransactionalProducer s3NotificationProducer) {
		ConcurrentKafkaListenerContainerFactory<String, byte[]> factory = new ConcurrentKafkaListenerContainerFactory<>();
		factory.setConsumerFactory(consumerFactory);
		factory.setBatchListener(false);
		factory.getContainerProperties()
			.setKafkaAwareTransactionManager(new KafkaTransactionManager<>(s3NotificationProducer.factory()));
		return factory;
	}

	/** The adapter's transactional producer factory and its template. */
	record TransactionalProducer(DefaultKafkaProducerFactory<String, byte[]> factory,
			KafkaTemplate<String, byte[]> template) {

		void close() {
			this.factory.destroy();
		}

	}

}
