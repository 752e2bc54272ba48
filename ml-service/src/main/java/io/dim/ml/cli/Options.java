package io.dim.ml.cli;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.springframework.boot.convert.DurationStyle;

/**
 * A command's {@code --name value} (or {@code --name=value}) options; other
 * {@code --setting=value} arguments pass through to Spring. Every problem is an
 * {@link IllegalArgumentException} whose message is the one line the command prints.
 *
 * @param values option name (without dashes) to value
 * @param springArgs arguments for Spring
 */
public record Options(Map<String, String> values, List<String> springArgs) {

	/**
	 * @param args the command line, the command name first
	 * @param allowed the option names the command takes
	 * @param usage the usage line appended to errors
	 */
	public static Options parse(String[] args, List<String> allowed, String usage) {
		Map<String, String> values = new LinkedHashMap<>();
		List<String> springArgs = new ArrayList<>();
		for (int i = 1; i < args.length; i++) {
			String arg = args[i];
			if (!arg.startsWith("--")) {
				throw new IllegalArgumentException("unexpected argument '" + arg + "'; " + usage);
			}
			int equals = arg.indexOf('=');
			String name = arg.substring(2, (equals >= 0) ? equals : arg.length());
			if (allowed.contains(name)) {
				if (equals >= 0) {
					values.put(name, arg.substring(equals + 1));
				}
				else if (i + 1 < args.length) {
					values.put(name, args[++i]);
				}
				else {
					throw new IllegalArgumentException("--" + name + " needs a value; " + usage);
				}
			}
			else if (equals >= 0) {
				springArgs.add(arg); // a Spring setting, e.g. --spring.datasource.url=...
			}
			else {
				throw new IllegalArgumentException("unknown option --" + name + "; " + usage);
			}
		}
		return new Options(values, springArgs);
	}

	public String text(String name, String fallback) {
		return this.values.getOrDefault(name, fallback);
	}

	public boolean has(String name) {
		return this.values.containsKey(name);
	}

	/** A number within [min, max]. */
	public double number(String name, double fallback, double min, double max) {
		if (!has(name)) {
			return fallback;
		}
		String text = this.values.get(name);
		double value;
		try {
			value = Double.parseDouble(text);
		}
		catch (NumberFormatException ex) {
			value = Double.NaN;
		}
		if (!(value >= min && value <= max)) {
			throw new IllegalArgumentException(
					"--" + name + " must be a number from " + min + " to " + max + " (got '" + text + "')");
		}
		return value;
	}

	/** A whole number. */
	public long whole(String name, long fallback) {
		if (!has(name)) {
			return fallback;
		}
		try {
			return Long.parseLong(this.values.get(name));
		}
		catch (NumberFormatException ex) {
			throw new IllegalArgumentException(
					"--" + name + " must be a whole number (got '" + this.values.get(name) + "')");
		}
	}

	/** A positive duration such as 1h or 30m. */
	public Duration duration(String name, String fallback) {
		Duration value = durationOrZero(name, fallback);
		if (value.isZero()) {
			throw new IllegalArgumentException(
					"--" + name + " must be positive (got '" + this.values.getOrDefault(name, fallback) + "')");
		}
		return value;
	}

	/** A duration that may be zero (0s: off). */
	public Duration durationOrZero(String name, String fallback) {
		String text = this.values.getOrDefault(name, fallback);
		Duration value;
		try {
			value = DurationStyle.detectAndParse(text);
		}
		catch (IllegalArgumentException ex) {
			throw new IllegalArgumentException(
					"--" + name + " must be a duration such as 1h or 30m (got '" + text + "')");
		}
		if (value.isNegative()) {
			throw new IllegalArgumentException("--" + name + " must not be negative (got '" + text + "')");
		}
		return value;
	}

}
