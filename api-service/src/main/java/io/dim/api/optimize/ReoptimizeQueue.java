package io.dim.api.optimize;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Objects whose tier changed (dim.heat), gathered and re-optimized together every
 * {@code dim.placement.reoptimize-delay}: a burst of changes to one object costs one
 * evaluation, not one per event.
 */
@Component
public class ReoptimizeQueue {

	private static final Logger log = LoggerFactory.getLogger(ReoptimizeQueue.class);

	private final Set<String> waiting = ConcurrentHashMap.newKeySet();

	private final Optimizer optimizer;

	ReoptimizeQueue(Optimizer optimizer) {
		this.optimizer = optimizer;
	}

	public void add(String key) {
		this.waiting.add(key);
	}

	public int size() {
		return this.waiting.size();
	}

	/** Re-optimizes every object gathered so far; returns how many. */
	@Scheduled(fixedDelayString = "${dim.placement.reoptimize-delay:5s}",
			initialDelayString = "${dim.placement.reoptimize-delay:5s}")
	public int drain() {
		List<String> keys = new ArrayList<>(this.waiting);
		if (keys.isEmpty()) {
			return 0;
		}
		this.waiting.removeAll(keys);
		try {
			OptimizeReport report = this.optimizer.optimizeSome(keys, OptimizeProgress.NONE);
			log.info("Re-optimized {} object(s) whose tier changed: {} to move, {} degraded", report.evaluated(),
					report.changed(), report.degraded());
		}
		catch (RuntimeException ex) {
			// Put them back so a passing database problem delays them instead of dropping
			// them.
			this.waiting.addAll(keys);
			log.warn("Re-optimizing {} object(s) failed, will retry: {}", keys.size(), ex.toString());
		}
		return keys.size();
	}

}
