package io.dim.api.adopt;

import java.time.Duration;
import java.util.Properties;
import java.util.UUID;

import org.apache.kafka.clients.consumer.ConsumerConfig;

import org.springframework.beans.factory.annotation.Value;
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

	/**
	 * @param retryFor how long the listener may wait for an endpoint with one record: the
	 * consumer's poll interval allows it, so that the wait does not cost its partitions
	 */
	@Bean
	ConcurrentKafkaListenerContainerFactory<String, byte[]> objectsCreatedContainerFactory(
			ConsumerFactory<String, byte[]> consumerFactory, HeldWritesProducer heldWritesProducer,
			@Value("${dim.adopt.notification-retry-for:PT15M}") Duration retryFor) {
		ConcurrentKafkaListenerContainerFactory<String, byte[]> factory = new ConcurrentKafkaListenerContainerFactory<>();
		factory.setConsumerFactory(consumerFactory);
		factory.setBatchListener(false);
		factory.getContainerProperties()
			.setKafkaAwareTransactionManager(new KafkaTransactionManager<>(heldWritesProducer.factory()));
		Properties consumer = new Properties();
		consumer.put(ConsumerConfig.MAX_POLL_INTERVAL_MS_CONFIG,
				String.valueOf(retryFor.plus(ObjectsCreatedListener.MAX_WAIT).plusMinutes(5).toMillis()));
		factory.getContainerProperties().setKafkaConsumerProperties(consumer);
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
