package io.dim.api.adopt;

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
 * The announcements of created objects are consumed in Kafka transactions: the WRITE an
 * announcement holds is published (or dead-lettered) together with the announcement's
 * offset, so a crash between the two neither loses nor repeats it. The transactional
 * producer has its own holder type, so that Boot's default producer and template, used
 * everywhere else, stay non-transactional.
 */
@Configuration(proxyBeanMethods = false)
class ObjectsCreatedConfiguration {

	@Bean(destroyMethod = "close")
	HeldWritesProducer heldWritesProducer(KafkaProperties properties) {
		DefaultKafkaProducerFactory<String, byte[]> factory = new DefaultKafkaProducerFactory<>(
				properties.buildProducerProperties());
		// Unique per instance: instances sharing transactional ids would fence each
		// other's producers (Kafka's EOS v2 needs no id that outlives the process).
		factory.setTransactionIdPrefix("dim-api-created-" + UUID.randomUUID().toString().substring(0, 8) + "-");
		return new HeldWritesProducer(factory, new KafkaTemplate<>(factory));
	}

	@Bean
	ConcurrentKafkaListenerContainerFactory<String, byte[]> objectsCreatedContainerFactory(
			ConsumerFactory<String, byte[]> consumerFactory, HeldWritesProducer heldWritesProducer) {
		ConcurrentKafkaListenerContainerFactory<String, byte[]> factory = new ConcurrentKafkaListenerContainerFactory<>();
		factory.setConsumerFactory(consumerFactory);
		factory.setBatchListener(false);
		factory.getContainerProperties()
			.setKafkaAwareTransactionManager(new KafkaTransactionManager<>(heldWritesProducer.factory()));
		return factory;
	}

	/** The transactional producer factory and its template. */
	record HeldWritesProducer(DefaultKafkaProducerFactory<String, byte[]> factory,
			KafkaTemplate<String, byte[]> template) {

		void close() {
			this.factory.destroy();
		}

	}

}
