package io.dim.model.workload;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.SplittableRandom;
import java.util.UUID;

import io.dim.model.stream.AccessEvent;
import io.dim.model.stream.AccessOp;

/**
 * A seeded workload over simulated time with structure a forecaster can learn: every
 * object follows a {@link Behaviour} (background 50%, daily 10%, late bloomer 15%, flash
 * crowd 15%, cooling 10%) with its own timing. Each object has an expected rate per hour;
 * {@link #events} draws exactly the requested number of events from those rates and
 * returns them in time order. The same catalogue, seed, start and span give the same
 * events.
 */
public final class StructuredWorkload {

	static final double READ_SHARE = 0.9;

	private static final long HOUR = 3_600_000L;

	private final List<Item> items;

	private final long seed;

	private final long start;

	private final int hours;

	private final double[][] rates;

	/** A catalogue object. */
	public record Item(String key, long sizeBytes) {

	}

	/**
	 * One object's plan: its behaviour and when things happen to it.
	 *
	 * @param key object key
	 * @param behaviour how its popularity moves
	 * @param level its rate scale (reads an hour at the peak)
	 * @param eventHour when its change starts (late bloomers, flash crowds), hours from
	 * the start
	 * @param lengthHours burst length or cooling half-life, hours
	 */
	public record Plan(String key, Behaviour behaviour, double level, int eventHour, double lengthHours) {

	}

	private final List<Plan> plans;

	/**
	 * @param items the catalogue (any order: it is sorted by key first)
	 * @param seed the seed
	 * @param start the start of simulated time (rounded down to the hour)
	 * @param span how long simulated time runs (whole hours, at least 1)
	 */
	public StructuredWorkload(List<Item> items, long seed, Instant start, Duration span) {
		if (items.isEmpty()) {
			throw new IllegalArgumentException("empty catalogue");
		}
		this.items = items.stream().sorted(Comparator.comparing(Item::key)).toList();
		this.seed = seed;
		this.start = start.toEpochMilli() / HOUR * HOUR;
		this.hours = (int) Math.max(1, span.toHours());
		SplittableRandom random = new SplittableRandom(seed);
		this.plans = new ArrayList<>();
		for (Item item : this.items) {
			this.plans.add(plan(item.key(), random));
		}
		this.rates = new double[this.hours][this.items.size()];
		for (int h = 0; h < this.hours; h++) {
			int hourOfDay = Instant.ofEpochMilli(this.start + h * HOUR).atZone(ZoneOffset.UTC).getHour();
			boolean weekend = Instant.ofEpochMilli(this.start + h * HOUR)
				.atZone(ZoneOffset.UTC)
				.getDayOfWeek()
				.getValue() >= 6;
			for (int o = 0; o < this.items.size(); o++) {
				this.rates[h][o] = rate(this.plans.get(o), h, hourOfDay, weekend);
			}
		}
	}

	private Plan plan(String key, SplittableRandom random) {
		double pick = random.nextDouble();
		int eventHour = (int) (this.hours * (0.2 + 0.6 * random.nextDouble()));
		if (pick < 0.5) {
			return new Plan(key, Behaviour.BACKGROUND, 0.3 * Math.exp(random.nextGaussian()), 0, 0);
		}
		if (pick < 0.6) {
			return new Plan(key, Behaviour.DAILY, 20 + 20 * random.nextDouble(), 0, 0);
		}
		if (pick < 0.75) {
			return new Plan(key, Behaviour.LATE_BLOOMER, 30 + 30 * random.nextDouble(), eventHour, 3);
		}
		if (pick < 0.9) {
			return new Plan(key, Behaviour.FLASH_CROWD, 60 + 60 * random.nextDouble(), eventHour,
					2 + random.nextInt(4));
		}
		return new Plan(key, Behaviour.COOLING, 40 + 40 * random.nextDouble(), 0, 4 + 12 * random.nextDouble());
	}

	/** Expected reads and writes in hour {@code h} of simulated time. */
	private static double rate(Plan plan, int h, int hourOfDay, boolean weekend) {
		double quiet = 0.2;
		return switch (plan.behaviour()) {
			case BACKGROUND -> plan.level() * (1 + 0.5 * Math.sin(2 * Math.PI * (hourOfDay - 8) / 24.0));
			case DAILY -> (hourOfDay >= 9 && hourOfDay < 17) ? plan.level() * (weekend ? 0.2 : 1) : quiet;
			case LATE_BLOOMER -> (h < plan.eventHour()) ? quiet
					: plan.level() * Math.min(1, (h - plan.eventHour() + 1) / plan.lengthHours());
			case FLASH_CROWD ->
				(h >= plan.eventHour() && h < plan.eventHour() + plan.lengthHours()) ? plan.level() : quiet;
			case COOLING -> quiet + plan.level() * Math.pow(2, -h / plan.lengthHours());
		};
	}

	public List<Plan> plans() {
		return List.copyOf(this.plans);
	}

	public Instant start() {
		return Instant.ofEpochMilli(this.start);
	}

	public Instant end() {
		return Instant.ofEpochMilli(this.start + this.hours * HOUR);
	}

	/** Events expected at the plans' own rates: the natural size of this workload. */
	public long expectedEvents() {
		double total = 0;
		for (double[] hour : this.rates) {
			total += Arrays.stream(hour).sum();
		}
		return Math.max(1, Math.round(total));
	}

	/**
	 * Exactly {@code count} events in time order, each hour and object drawn in
	 * proportion to its rate (so rates scale by count / {@link #expectedEvents()}).
	 */
	public Iterator<AccessEvent> events(long count, String source) {
		SplittableRandom random = new SplittableRandom(this.seed ^ 0x5DEECE66DL);
		double[] hourWeights = new double[this.hours];
		for (int h = 0; h < this.hours; h++) {
			hourWeights[h] = Arrays.stream(this.rates[h]).sum();
		}
		long[] perHour = new long[this.hours];
		double[] cumulativeHours = cumulative(hourWeights);
		for (long i = 0; i < count; i++) {
			perHour[pick(cumulativeHours, random)]++;
		}
		return new Iterator<>() {

			private int hour = -1;

			private Iterator<AccessEvent> current = java.util.Collections.emptyIterator();

			@Override
			public boolean hasNext() {
				while (!this.current.hasNext() && this.hour + 1 < StructuredWorkload.this.hours) {
					this.hour++;
					this.current = hourEvents(this.hour, perHour[this.hour], random, source).iterator();
				}
				return this.current.hasNext();
			}

			@Override
			public AccessEvent next() {
				if (!hasNext()) {
					throw new NoSuchElementException();
				}
				return this.current.next();
			}

		};
	}

	private List<AccessEvent> hourEvents(int h, long count, SplittableRandom random, String source) {
		double[] cumulativeObjects = cumulative(this.rates[h]);
		List<AccessEvent> events = new ArrayList<>((int) count);
		for (long i = 0; i < count; i++) {
			Item item = this.items.get(pick(cumulativeObjects, random));
			long at = this.start + h * HOUR + random.nextLong(HOUR);
			AccessOp op = (random.nextDouble() < READ_SHARE) ? AccessOp.READ : AccessOp.WRITE;
			UUID id = new UUID(random.nextLong(), random.nextLong());
			events.add(
					new AccessEvent(id.toString(), item.key(), op, item.sizeBytes(), Instant.ofEpochMilli(at), source));
		}
		events.sort(Comparator.comparing(AccessEvent::ts));
		return events;
	}

	private static double[] cumulative(double[] weights) {
		double[] sums = new double[weights.length];
		double total = 0;
		for (int i = 0; i < weights.length; i++) {
			total += weights[i];
			sums[i] = total;
		}
		return sums;
	}

	private static int pick(double[] cumulative, SplittableRandom random) {
		double target = random.nextDouble() * cumulative[cumulative.length - 1];
		int index = Arrays.binarySearch(cumulative, target);
		index = (index >= 0) ? index + 1 : -index - 1;
		return Math.min(index, cumulative.length - 1);
	}

}
