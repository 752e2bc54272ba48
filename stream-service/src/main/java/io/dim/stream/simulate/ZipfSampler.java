package io.dim.stream.simulate;

import java.util.Arrays;
import java.util.SplittableRandom;

/**
 * Draws ranks 0..n-1 with probability proportional to 1/(rank+1)^skew (skew 0: uniform).
 */
final class ZipfSampler {

	private final double[] cumulative;

	ZipfSampler(int n, double skew) {
		this.cumulative = new double[n];
		double sum = 0;
		for (int rank = 0; rank < n; rank++) {
			sum += 1 / Math.pow(rank + 1, skew);
			this.cumulative[rank] = sum;
		}
		for (int rank = 0; rank < n; rank++) {
			this.cumulative[rank] /= sum;
		}
	}

	int sample(SplittableRandom random) {
		int index = Arrays.binarySearch(this.cumulative, random.nextDouble());
		return Math.min((index >= 0) ? index : -index - 1, this.cumulative.length - 1);
	}

}
