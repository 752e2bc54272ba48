package io.dim.stream.heat;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.common.TopicPartition;
import org.springframework.stereotype.Component;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;

/** The consumer's meters: events counted, batch sizes, flush durations and lag. */
@Component
class ConsumerMetrics {

	private final Counter consumed;

	private final DistributionSummary batchSize;

	private final Timer flush;

	private final AtomicLong lag = new AtomicLong();

	private final Counter fenced;

	private final Counter repeated;

	ConsumerMetrics(MeterRegistry registry) {
		this.consumed = Counter.builder("dim_events_consumed")
			.description("Access events counted into heat and history (exactly once)")
			.register(registry);
		this.batchSize = DistributionSummary.builder("dim_consumer_batch_size")
			.description("Records per poll batch")
			.publishPercentileHistogram()
			.register(registry);
		this.flush = Timer.builder("dim_consumer_flush")
			.description("Time to handle one batch: parse, dead-letter, write, publish")
			.publishPercentileHistogram()
			.register(registry);
		this.repeated = Counter.builder("dim_events_repeated")
			.description(
					"Events sent again (api-service's spool, replayed dead letters) that were counted before (skipped)")
			.register(registry);
		this.fenced = Counter.builder("dim_consumer_fenced_batches")
			.description("Batches not written because another instance had counted part of them (after a rebalance "
					+ "this instance missed while frozen)")
			.register(registry);
		Gauge.builder("dim_consumer_lag", this.lag, AtomicLong::get)
			.description("Records of dim.access not yet consumed, over the assigned partitions")
			.register(registry);
	}

	void batchFenced() {
		this.fenced.increment();
	}

	void batchDone(int records, int counted, int repeated, long nanos, Consumer<?, ?> consumer) {
		this.consumed.increment(counted);
		this.repeated.increment(repeated);
		this.batchSize.record(records);
		this.flush.record(nanos, TimeUnit.NANOSECONDS);
		long total = 0;
		for (TopicPartition partition : consumer.assignment()) {
			total += consumer.currentLag(partition).orElse(0);
		}
		this.lag.set(total);
	}

}
