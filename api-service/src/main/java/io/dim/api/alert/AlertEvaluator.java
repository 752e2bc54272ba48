package io.dim.api.alert;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Service;

import io.dim.api.cluster.ClusterLock;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;

/**
 * Evaluates every rule on an interval ({@code dim.alerts.interval}) and records the
 * outcome. A rule that fails this round leaves its alerts as they are (unknown is not
 * clear). Keeps {@code dim_alerts_open{rule,severity}}.
 */
@Service
public class AlertEvaluator {

	private static final Logger log = LoggerFactory.getLogger(AlertEvaluator.class);

	private final List<AlertRule> rules;

	private final AlertStore store;

	private final AlertProperties settings;

	private final ClusterLock cluster;

	private final Map<String, AtomicInteger> open = new ConcurrentHashMap<>();

	AlertEvaluator(List<AlertRule> rules, AlertStore store, AlertProperties settings, ClusterLock cluster,
			MeterRegistry registry) {
		this.rules = rules;
		this.cluster = cluster;
		this.store = store;
		this.settings = settings;
		for (AlertRule rule : rules) {
			for (String severity : rule.severities()) {
				AtomicInteger count = new AtomicInteger();
				this.open.put(rule.name() + "/" + severity, count);
				Gauge.builder("dim_alerts_open", count, AtomicInteger::get)
					.description("Alerts open (not resolved; acknowledged ones included) by rule and severity")
					.tag("rule", rule.name())
					.tag("severity", severity)
					.register(registry);
			}
		}
	}

	/**
	 * What one round did.
	 *
	 * @param rules rules evaluated
	 * @param failed rules that could not be evaluated, with why
	 * @param opened alerts opened
	 * @param resolved alerts resolved
	 * @param live alerts open or acknowledged after the round
	 */
	public record Round(int rules, List<String> failed, int opened, int resolved, int live) {

	}

	@Scheduled(fixedDelayString = "${dim.alerts.interval:15s}", initialDelayString = "${dim.alerts.interval:15s}")
	void scheduled() {
		// Once per cluster: instances sharing the database would open and resolve the
		// same alerts.
		if (!this.settings.enabled()) {
			return;
		}
		if (!this.cluster.hold("alerts", this.settings.interval().multipliedBy(3))) {
			// Another instance evaluates. This one's gauge follows the database, so
			// every instance Prometheus scrapes reports the same alerts.
			try {
				count(this.store.live());
			}
			catch (RuntimeException ex) {
				log.warn("Could not count the open alerts: {}", ex.toString());
			}
			return;
		}
		try {
			evaluate(false);
		}
		catch (RuntimeException ex) {
			log.warn("Alert evaluation failed, will try again: {}", ex.toString());
		}
	}

	/** Evaluates every rule now, none of them paced ({@code POST /alerts/evaluate}). */
	public Round evaluate() {
		return evaluate(true);
	}

	private synchronized Round evaluate(boolean asked) {
		List<String> evaluated = new ArrayList<>();
		List<String> failed = new ArrayList<>();
		List<Condition> conditions = new ArrayList<>();
		for (AlertRule rule : this.rules) {
			try {
				conditions.addAll(rule.evaluate(asked));
				evaluated.add(rule.name());
			}
			catch (RuntimeException ex) {
				failed.add(rule.name() + ": " + ex.getMessage());
				log.warn("Alert rule {} could not be evaluated: {}", rule.name(), ex.toString());
			}
		}
		AlertStore.Changes changes = this.store.apply(evaluated, conditions);
		List<AlertView> live = this.store.live();
		count(live);
		if (changes.opened() > 0 || changes.resolved() > 0) {
			log.info("Alerts: {} opened, {} resolved, {} live", changes.opened(), changes.resolved(), live.size());
		}
		return new Round(this.rules.size(), failed, changes.opened(), changes.resolved(), live.size());
	}

	/** Sets {@code dim_alerts_open} to the alerts open or acknowledged. */
	private void count(List<AlertView> live) {
		Map<String, Integer> counts = new HashMap<>();
		for (AlertView alert : live) {
			counts.merge(alert.rule() + "/" + alert.severity(), 1, Integer::sum);
		}
		this.open.forEach((name, count) -> count.set(counts.getOrDefault(name, 0)));
	}

}
