package io.dim.ml.train;

import java.util.List;

import org.tribuo.Example;
import org.tribuo.Output;
import org.tribuo.impl.ArrayExample;

import io.dim.model.features.Features;

/**
 * Features as the models see them. Counts, sizes and ages span orders of magnitude, so
 * they enter as log(1 + x) (which also keeps logistic regression well conditioned); hour
 * of day is a point on a circle, so 23:00 is next to 00:00.
 */
public final class FeatureEncoding {

	public static final List<String> NAMES = List.of("log_size", "log_age_hours", "log_heat", "log_reads_1",
			"log_reads_6", "log_reads_24", "log_writes_24", "log_hours_since_access", "never_accessed",
			"signed_log_trend", "hour_sin", "hour_cos", "weekend", "tier_hot", "tier_warm");

	private static final String[] NAME_ARRAY = NAMES.toArray(String[]::new);

	private FeatureEncoding() {
	}

	public static double[] values(Features f) {
		double hour = 2 * Math.PI * f.hourOfDay() / 24.0;
		boolean never = f.hoursSinceAccess() < 0;
		return new double[] { Math.log1p(f.sizeBytes()), Math.log1p(f.ageHours()), Math.log1p(f.heat()),
				Math.log1p(f.reads1()), Math.log1p(f.reads6()), Math.log1p(f.reads24()), Math.log1p(f.writes24()),
				never ? 0 : Math.log1p(f.hoursSinceAccess()), never ? 1 : 0,
				Math.signum(f.trend()) * Math.log1p(Math.abs(f.trend())), Math.sin(hour), Math.cos(hour),
				(f.dayOfWeek() >= 6) ? 1 : 0, "hot".equals(f.tierNow()) ? 1 : 0, "warm".equals(f.tierNow()) ? 1 : 0 };
	}

	public static <T extends Output<T>> Example<T> example(T output, Features features) {
		return new ArrayExample<>(output, NAME_ARRAY, values(features));
	}

}
