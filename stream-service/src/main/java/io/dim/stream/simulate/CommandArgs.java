package io.dim.stream.simulate;

import java.util.HashMap;
import java.util.Map;
import java.util.Set;

/**
 * Options of a command, as {@code --name value} or {@code --name=value}; anything else is
 * an error with one line naming the option.
 */
final class CommandArgs {

	private final Map<String, String> values = new HashMap<>();

	CommandArgs(String[] args, Set<String> allowed, Set<String> flags) {
		for (int i = 1; i < args.length; i++) {
			String arg = args[i];
			if (!arg.startsWith("--")) {
				throw new IllegalArgumentException("unexpected argument '" + arg + "'");
			}
			String name = arg.substring(2);
			int equals = name.indexOf('=');
			String inline = (equals >= 0) ? name.substring(equals + 1) : null;
			name = (equals >= 0) ? name.substring(0, equals) : name;
			// Unknown first: "--twice" is not an option missing its value.
			if (!allowed.contains(name) && !flags.contains(name)) {
				java.util.TreeSet<String> known = new java.util.TreeSet<>(allowed);
				known.addAll(flags);
				throw new IllegalArgumentException("unknown option --" + name + (known.isEmpty()
						? " (this command takes none)" : " (allowed: --" + String.join(", --", known) + ")"));
			}
			String value;
			if (inline != null) {
				value = inline;
			}
			else if (flags.contains(name)) {
				value = "true";
			}
			else if (i + 1 < args.length) {
				value = args[++i];
			}
			else {
				throw new IllegalArgumentException("option --" + name + " needs a value");
			}
			this.values.put(name, value);
		}
	}

	String text(String name, String fallback) {
		return this.values.getOrDefault(name, fallback);
	}

	long whole(String name, long fallback, long min, long max) {
		String value = this.values.get(name);
		if (value == null) {
			return fallback;
		}
		try {
			long number = Long.parseLong(value);
			if (number < min || number > max) {
				throw new IllegalArgumentException(
						"--" + name + " must be between " + min + " and " + max + " (got " + value + ")");
			}
			return number;
		}
		catch (NumberFormatException ex) {
			throw new IllegalArgumentException("--" + name + " must be a whole number (got '" + value + "')");
		}
	}

	double number(String name, double fallback, double min, double max) {
		String value = this.values.get(name);
		if (value == null) {
			return fallback;
		}
		try {
			double number = Double.parseDouble(value);
			if (!(number >= min && number <= max)) {
				throw new IllegalArgumentException(
						"--" + name + " must be between " + min + " and " + max + " (got " + value + ")");
			}
			return number;
		}
		catch (NumberFormatException ex) {
			throw new IllegalArgumentException("--" + name + " must be a number (got '" + value + "')");
		}
	}

	boolean flag(String name) {
		return Boolean.parseBoolean(this.values.getOrDefault(name, "false"));
	}

}
