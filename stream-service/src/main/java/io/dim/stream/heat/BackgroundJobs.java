package io.dim.stream.heat;

import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Configuration;
import org.springframework.scheduling.annotation.EnableScheduling;
import org.springframework.scheduling.annotation.Scheduled;

/**
 * The service's periodic work: the decayer and the top-N gauge. Off in the command-line
 * modes (simulate, produce, decay), which set dim.stream.consumer-enabled=false.
 */
@Configuration(proxyBeanMethods = false)
@EnableScheduling
@ConditionalOnProperty(name = "dim.stream.consumer-enabled", havingValue = "true", matchIfMissing = true)
class BackgroundJobs {

	private final Decayer decayer;

	private final HottestObjectsGauge hottest;

	BackgroundJobs(Decayer decayer, HottestObjectsGauge hottest) {
		this.decayer = decayer;
		this.hottest = hottest;
	}

	@Scheduled(fixedDelayString = "${dim.stream.decay-interval:10s}",
			initialDelayString = "${dim.stream.decay-interval:10s}")
	void decay() {
		this.decayer.decayOnce();
		this.hottest.refresh();
	}

}
