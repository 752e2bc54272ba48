package io.dim.ml.replay;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.IntStream;

import io.dim.model.endpoint.EndpointConfig;

/**
 * The endpoints of a replay by number, and placements as bit masks over them (bit i: a
 * replica on endpoint i), so a million events need no sets.
 */
final class Endpoints {

	private final List<EndpointConfig> configs;

	Endpoints(List<EndpointConfig> configs) {
		this.configs = List.copyOf(configs);
	}

	int count() {
		return this.configs.size();
	}

	EndpointConfig get(int index) {
		return this.configs.get(index);
	}

	int indexOf(String name) {
		for (int i = 0; i < this.configs.size(); i++) {
			if (this.configs.get(i).name().equals(name)) {
				return i;
			}
		}
		throw new IllegalArgumentException("unknown endpoint " + name);
	}

	Set<String> names(int mask) {
		Set<String> names = new LinkedHashSet<>();
		for (int i = 0; i < this.configs.size(); i++) {
			if ((mask & (1 << i)) != 0) {
				names.add(this.configs.get(i).name());
			}
		}
		return names;
	}

	int mask(Iterable<String> names) {
		int mask = 0;
		for (String name : names) {
			mask |= 1 << indexOf(name);
		}
		return mask;
	}

	/** Sum of the storage prices (per GB-month) of the placement's endpoints. */
	double storagePrice(int mask) {
		double price = 0;
		for (int i = 0; i < this.configs.size(); i++) {
			if ((mask & (1 << i)) != 0) {
				price += this.configs.get(i).costPerGb();
			}
		}
		return price;
	}

	/**
	 * The replica a read is served from: the cheapest to read out of among those within
	 * {@code boundMs}, else the fastest.
	 */
	int serving(int mask, double boundMs) {
		int best = -1;
		int fastest = -1;
		for (int i = 0; i < this.configs.size(); i++) {
			if ((mask & (1 << i)) == 0) {
				continue;
			}
			EndpointConfig endpoint = this.configs.get(i);
			if (endpoint.latencyMs() <= boundMs
					&& (best < 0 || endpoint.egressCostPerGb() < this.configs.get(best).egressCostPerGb())) {
				best = i;
			}
			if (fastest < 0 || endpoint.latencyMs() < this.configs.get(fastest).latencyMs()) {
				fastest = i;
			}
		}
		return (best >= 0) ? best : fastest;
	}

	/** The replica a copy is read from: the cheapest egress. */
	int copySource(int mask) {
		int best = -1;
		for (int i = 0; i < this.configs.size(); i++) {
			if ((mask & (1 << i)) != 0
					&& (best < 0 || this.configs.get(i).egressCostPerGb() < this.configs.get(best).egressCostPerGb())) {
				best = i;
			}
		}
		return best;
	}

	/** The {@code count} endpoints first in this order (ties by name). */
	int first(int count, Comparator<EndpointConfig> order) {
		List<Integer> sorted = new ArrayList<>(IntStream.range(0, this.configs.size()).boxed().toList());
		sorted
			.sort(Comparator.comparing((Integer i) -> this.configs.get(i), order.thenComparing(EndpointConfig::name)));
		int mask = 0;
		for (int i = 0; i < Math.min(count, sorted.size()); i++) {
			mask |= 1 << sorted.get(i);
		}
		return mask;
	}

	int fastest(int count) {
		return first(count, Comparator.comparingDouble(EndpointConfig::latencyMs));
	}

	int cheapest(int count) {
		return first(count, Comparator.comparingDouble(EndpointConfig::costPerGb));
	}

	int all() {
		return (1 << this.configs.size()) - 1;
	}

}
