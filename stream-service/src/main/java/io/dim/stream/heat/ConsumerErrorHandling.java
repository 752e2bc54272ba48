package io.dim.stream.heat;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.kafka.listener.DefaultErrorHandler;
import org.springframework.util.backoff.ExponentialBackOff;

/**
 * What happens when a batch cannot be written (database locked or down): the container
 * seeks back and retries the same batch with exponential back-off (0.2 s doubling to 10
 * s) for as long as it takes. Spring Kafka's default would give up after ten tries and
 * skip the batch, which, with the offsets kept in the database, would drop its events
 * until the next rebalance. Records that are merely bad never get here: the listener
 * dead-letters them itself.
 */
@Configuration(proxyBeanMethods = false)
class ConsumerErrorHandling {

	@Bean
	DefaultErrorHandler batchRetryForever() {
		ExponentialBackOff backOff = new ExponentialBackOff(200, 2.0);
		backOff.setMaxInterval(10_000);
		backOff.setMaxElapsedTime(Long.MAX_VALUE);
		return new DefaultErrorHandler(backOff);
	}

}
