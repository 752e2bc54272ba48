package io.dim.model.security;

import java.net.URI;

import org.junit.jupiter.api.Test;

import org.springframework.mock.env.MockEnvironment;

import io.dim.model.config.DimProperties;
import io.dim.model.config.InvalidSettingException;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ApiKeysTests {

	static final String ADMIN = "a-random-admin-key-4f8e";

	static final String READ = "a-random-read-key-91c2";

	@Test
	void outsideTheDevProfileAnAdminKeyIsRequiredAndMustNotBeGuessable() {
		assertThatThrownBy(() -> keys("", "", false)).isInstanceOf(InvalidSettingException.class)
			.hasMessageStartingWith("DIM_API_KEY: is required outside the dev profile");
		assertThatThrownBy(() -> keys("changeme", "", false))
			.hasMessage("DIM_API_KEY: is a well-known default; set a random key (e.g. openssl rand -hex 24)");
		assertThatThrownBy(() -> keys("MinioAdmin", "", false)).hasMessageContaining("well-known default");
		assertThatThrownBy(() -> keys("short-key", "", false))
			.hasMessageStartingWith("DIM_API_KEY: must be at least 16 characters");
		assertThatThrownBy(() -> keys(ADMIN, "secret", false)).hasMessageStartingWith("DIM_READ_API_KEY: ");
		assertThatThrownBy(() -> keys(ADMIN, ADMIN, false))
			.hasMessage("DIM_READ_API_KEY: must differ from DIM_API_KEY");
	}

	@Test
	void theDevProfileTakesAnyKeyAndOpensReads() {
		ApiKeys keys = keys("", "", true);
		assertThat(keys.hasAdminKey()).isFalse();
		assertThat(keys.readsNeedKey()).isFalse();
		assertThat(keys.grantOf("")).isEmpty();
		assertThat(keys("dev", "", true).grantOf("dev")).contains(Access.ADMIN);
	}

	@Test
	void eachKeyGrantsItsAccessAndReadsNeedAKeyByDefault() {
		ApiKeys keys = keys(ADMIN, READ, false);
		assertThat(keys.readsNeedKey()).isTrue();
		assertThat(keys.grantOf(ADMIN)).contains(Access.ADMIN);
		assertThat(keys.grantOf(READ)).contains(Access.READ);
		assertThat(keys.grantOf(READ + "x")).isEmpty();
		assertThat(keys.grantOf("")).isEmpty();
	}

	@Test
	void duringRotationThePreviousKeysKeepTheirRightsUntilRemoved() {
		MockEnvironment environment = new MockEnvironment().withProperty("dim.read-api-key", READ)
			.withProperty("dim.previous-api-key", "the-retiring-admin-key")
			.withProperty("dim.previous-read-api-key", "the-retiring-read-key");
		ApiKeys keys = new ApiKeys(properties(ADMIN), environment);
		assertThat(keys.grantOf("the-retiring-admin-key")).contains(Access.ADMIN);
		assertThat(keys.grantOf("the-retiring-read-key")).contains(Access.READ);
		assertThat(keys.grantOf(ADMIN)).contains(Access.ADMIN);
		environment.setProperty("dim.previous-api-key", ADMIN);
		assertThatThrownBy(() -> new ApiKeys(properties(ADMIN), environment))
			.hasMessageStartingWith("DIM_PREVIOUS_API_KEY: must differ from the current keys");
		environment.setProperty("dim.previous-api-key", "short");
		assertThatThrownBy(() -> new ApiKeys(properties(ADMIN), environment))
			.hasMessageStartingWith("DIM_PREVIOUS_API_KEY: must be at least 16 characters");
	}

	@Test
	void readsNeedKeyIsASettingWithAClearError() {
		MockEnvironment environment = new MockEnvironment().withProperty("dim.reads-need-key", "false");
		assertThat(new ApiKeys(properties(ADMIN), environment).readsNeedKey()).isFalse();
		environment.setActiveProfiles("dev");
		environment.setProperty("dim.reads-need-key", "true");
		assertThat(new ApiKeys(properties(ADMIN), environment).readsNeedKey()).isTrue();
		environment.setProperty("dim.reads-need-key", "sometimes");
		assertThatThrownBy(() -> new ApiKeys(properties(ADMIN), environment))
			.hasMessage("DIM_READS_NEED_KEY: must be true or false (got 'sometimes')");
	}

	private static ApiKeys keys(String admin, String read, boolean dev) {
		MockEnvironment environment = new MockEnvironment().withProperty("dim.read-api-key", read);
		if (dev) {
			environment.setActiveProfiles(ApiKeys.DEV_PROFILE);
		}
		return new ApiKeys(properties(admin), environment);
	}

	private static DimProperties properties(String admin) {
		return new DimProperties("127.0.0.1:9092", 100, 2, "", URI.create("http://127.0.0.1:8001"), admin);
	}

}
