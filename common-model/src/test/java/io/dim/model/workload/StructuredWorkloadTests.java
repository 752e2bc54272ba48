package io.dim.model.workload;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.Test;

import io.dim.model.stream.AccessEvent;

import static org.assertj.core.api.Assertions.assertThat;

class StructuredWorkloadTests {

	static final Instant START = Instant.parse("2026-11-02T00:00:00Z");

	static List<StructuredWorkload.Item> catalog(int n) {
		List<StructuredWorkload.Item> items = new ArrayList<>();
		for (int i = 0; i < n; i++) {
			items.add(new StructuredWorkload.Item("obj-" + i, 100 + i));
		}
		return items;
	}

	static List<AccessEvent> all(Iterator<AccessEvent> events) {
		List<AccessEvent> list = new ArrayList<>();
		events.forEachRemaining(list::add);
		return list;
	}

	@Test
	void theSameSeedGivesTheSameEventsInTimeOrderWithinTheSpan() {
		StructuredWorkload one = new StructuredWorkload(catalog(200), 7, START, Duration.ofDays(2));
		StructuredWorkload two = new StructuredWorkload(catalog(200).reversed(), 7, START, Duration.ofDays(2));
		List<AccessEvent> first = all(one.events(5000, "t"));
		assertThat(first).hasSize(5000).isEqualTo(all(two.events(5000, "t")));
		assertThat(first).isSortedAccordingTo(java.util.Comparator.comparing(AccessEvent::ts));
		assertThat(first).allSatisfy((e) -> assertThat(e.ts()).isBetween(START, START.plus(Duration.ofDays(2))));
		assertThat(all(new StructuredWorkload(catalog(200), 8, START, Duration.ofDays(2)).events(5000, "t")))
			.isNotEqualTo(first);
	}

	@Test
	void everyBehaviourOccursAndShapesTheTraffic() {
		StructuredWorkload workload = new StructuredWorkload(catalog(400), 3, START, Duration.ofDays(3));
		Set<Behaviour> seen = EnumSet.noneOf(Behaviour.class);
		workload.plans().forEach((plan) -> seen.add(plan.behaviour()));
		assertThat(seen).containsExactlyInAnyOrder(Behaviour.values());

		Map<String, long[]> perHour = new HashMap<>();
		for (AccessEvent event : all(workload.events(workload.expectedEvents(), "t"))) {
			int hour = (int) Duration.between(START, event.ts()).toHours();
			perHour.computeIfAbsent(event.key(), (k) -> new long[72])[hour]++;
		}
		StructuredWorkload.Plan bloomer = workload.plans()
			.stream()
			.filter((p) -> p.behaviour() == Behaviour.LATE_BLOOMER && p.eventHour() > 10 && p.eventHour() < 60)
			.findFirst()
			.orElseThrow();
		long[] hours = perHour.get(bloomer.key());
		long before = java.util.Arrays.stream(hours, 0, bloomer.eventHour()).sum();
		long after = java.util.Arrays.stream(hours, bloomer.eventHour() + 3, 72).sum();
		// Quiet (0.2 an hour) before it blooms, 30-60 an hour from three hours after.
		assertThat(before).isLessThan(bloomer.eventHour());
		assertThat(after).isGreaterThan(20L * (72 - bloomer.eventHour() - 3));

		StructuredWorkload.Plan daily = workload.plans()
			.stream()
			.filter((p) -> p.behaviour() == Behaviour.DAILY)
			.findFirst()
			.orElseThrow();
		long[] dailyHours = perHour.get(daily.key());
		// 2026-11-02 is a Monday: working hours 09-17 UTC are busy, nights quiet.
		long working = java.util.Arrays.stream(dailyHours, 9, 17).sum();
		long night = java.util.Arrays.stream(dailyHours, 0, 8).sum();
		assertThat(working).isGreaterThan(10 * Math.max(1, night));
	}

}
