package io.dim.model.security;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

import org.springframework.core.env.Environment;
import org.springframework.core.env.Profiles;

import io.dim.model.config.DimProperties;
import io.dim.model.config.InvalidSettingException;

/**
 * The two API keys a request may carry in X-API-Key: the admin key ({@code DIM_API_KEY})
 * may do everything, the read key ({@code DIM_READ_API_KEY}) may only read. Whether reads
 * need a key at all is {@code DIM_READS_NEED_KEY}: by default yes, except in the local
 * dev profile ({@code SPRING_PROFILES_ACTIVE=dev}, which scripts/dev-up sets).
 * <p>
 * Outside the dev profile a service refuses to start with an empty admin key, a
 * well-known default or a key shorter than {@value #MIN_LENGTH} characters, so a
 * forgotten setting cannot leave the API open or guessable.
 * <p>
 * For rotation without a refused request, {@code DIM_PREVIOUS_API_KEY} and
 * {@code DIM_PREVIOUS_READ_API_KEY} are accepted with the same rights as the current keys
 * until they are removed.
 */
public final class ApiKeys {

	public static final String HEADER = "X-API-Key";

	public static final String DEV_PROFILE = "dev";

	static final int MIN_LENGTH = 16;

	/** Keys found in tutorials and default configs; refused outside the dev profile. */
	private static final Set<String> WELL_KNOWN = Set.of("changeme", "change-me", "changeit", "secret", "password",
			"admin", "apikey", "api-key", "default", "test", "dev", "dim", "dim-api-key", "letmein", "minioadmin",
			"0123456789abcdef", "1234567890123456", "aaaaaaaaaaaaaaaa", "xxxxxxxxxxxxxxxx", "changemechangeme",
			"secretsecretsecret", "passwordpassword", "test-api-key", "admin-api-key", "read-api-key");

	private final byte[] admin;

	private final byte[] read;

	private final byte[] previousAdmin;

	private final byte[] previousRead;

	private final boolean readsNeedKey;

	public ApiKeys(DimProperties properties, Environment environment) {
		boolean dev = environment.acceptsProfiles(Profiles.of(DEV_PROFILE));
		String adminKey = properties.apiKey();
		String readKey = environment.getProperty("dim.read-api-key", "").trim();
		String previousAdminKey = environment.getProperty("dim.previous-api-key", "").trim();
		String previousReadKey = environment.getProperty("dim.previous-read-api-key", "").trim();
		if (!dev) {
			check("DIM_API_KEY", adminKey, true);
			check("DIM_READ_API_KEY", readKey, false);
			check("DIM_PREVIOUS_API_KEY", previousAdminKey, false);
			check("DIM_PREVIOUS_READ_API_KEY", previousReadKey, false);
		}
		if (!readKey.isEmpty() && readKey.equals(adminKey)) {
			throw new InvalidSettingException("DIM_READ_API_KEY", "must differ from DIM_API_KEY");
		}
		for (String previous : new String[] { previousAdminKey, previousReadKey }) {
			if (!previous.isEmpty() && (previous.equals(adminKey) || previous.equals(readKey))) {
				throw new InvalidSettingException(
						previous.equals(previousAdminKey) ? "DIM_PREVIOUS_API_KEY" : "DIM_PREVIOUS_READ_API_KEY",
						"must differ from the current keys (it is the key being retired)");
			}
		}
		this.admin = adminKey.getBytes(StandardCharsets.UTF_8);
		this.read = readKey.getBytes(StandardCharsets.UTF_8);
		this.previousAdmin = previousAdminKey.getBytes(StandardCharsets.UTF_8);
		this.previousRead = previousReadKey.getBytes(StandardCharsets.UTF_8);
		this.readsNeedKey = readsNeedKey(environment.getProperty("dim.reads-need-key", ""), dev);
	}

	private static void check(String variable, String key, boolean required) {
		if (key.isEmpty()) {
			if (required) {
				throw new InvalidSettingException(variable, "is required outside the dev profile: set a random key of "
						+ "at least " + MIN_LENGTH + " characters (e.g. openssl rand -hex 24)");
			}
			return;
		}
		if (WELL_KNOWN.contains(key.toLowerCase(Locale.ROOT))) {
			throw new InvalidSettingException(variable,
					"is a well-known default; set a random key (e.g. openssl rand -hex 24)");
		}
		if (key.length() < MIN_LENGTH) {
			throw new InvalidSettingException(variable, "must be at least " + MIN_LENGTH
					+ " characters outside the dev profile (e.g. openssl rand -hex 24)");
		}
	}

	private static boolean readsNeedKey(String setting, boolean dev) {
		return switch (setting.trim().toLowerCase(Locale.ROOT)) {
			case "" -> !dev;
			case "true" -> true;
			case "false" -> false;
			default -> throw new InvalidSettingException("DIM_READS_NEED_KEY",
					"must be true or false (got '" + setting + "')");
		};
	}

	/** What a key may do: ADMIN, READ, or empty for a key that is neither. */
	public Optional<Access> grantOf(String given) {
		byte[] bytes = given.getBytes(StandardCharsets.UTF_8);
		if (matches(this.admin, bytes) || matches(this.previousAdmin, bytes)) {
			return Optional.of(Access.ADMIN);
		}
		if (matches(this.read, bytes) || matches(this.previousRead, bytes)) {
			return Optional.of(Access.READ);
		}
		return Optional.empty();
	}

	private static boolean matches(byte[] key, byte[] given) {
		return key.length > 0 && MessageDigest.isEqual(key, given);
	}

	public boolean readsNeedKey() {
		return this.readsNeedKey;
	}

	public boolean hasAdminKey() {
		return this.admin.length > 0;
	}

}
