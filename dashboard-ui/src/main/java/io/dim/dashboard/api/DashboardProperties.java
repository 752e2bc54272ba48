package io.dim.dashboard.api;

import java.net.URI;
import java.nio.file.Path;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Where the dashboard finds api-service, with which keys, and who may sign in.
 *
 * @param apiUrl base URL of api-service ({@code DIM_API_URL})
 * @param apiKey the admin key, used for signed-in admins ({@code DIM_API_KEY}); when
 * empty, read from {@code apiKeyFile}
 * @param apiKeyFile file scripts/dev-up writes the generated admin key to
 * @param readKey the read key, used for viewers ({@code DIM_READ_API_KEY}); when empty,
 * read from {@code readKeyFile}
 * @param readKeyFile file scripts/dev-up writes the generated read key to
 * @param refreshInterval how often the page refreshes its figures
 * @param adminPassword password of the user "admin"
 * ({@code DIM_DASHBOARD_ADMIN_PASSWORD})
 * @param viewerPassword password of the read-only user "viewer"
 * ({@code DIM_DASHBOARD_VIEWER_PASSWORD}; empty: no viewer)
 * @param callTimeout limit on each call to api-service, its answer included
 * @param longCallTimeout limit on a call that streams progress (bootstrap, Re-optimize
 * All, drain, what-if), its last line included: such answers last as long as their work
 */
@ConfigurationProperties("dim.dashboard")
public record DashboardProperties(@DefaultValue("http://127.0.0.1:8000") URI apiUrl, @DefaultValue("") String apiKey,
		@DefaultValue("data/api-key") Path apiKeyFile, @DefaultValue("") String readKey,
		@DefaultValue("data/read-api-key") Path readKeyFile, @DefaultValue("5s") java.time.Duration refreshInterval,
		@DefaultValue("") String adminPassword, @DefaultValue("") String viewerPassword,
		@DefaultValue("60s") java.time.Duration callTimeout, @DefaultValue("11m") java.time.Duration longCallTimeout) {

	public DashboardProperties {
		if (callTimeout.isNegative() || callTimeout.isZero()) {
			throw new IllegalArgumentException("dim.dashboard.call-timeout must be positive (got " + callTimeout + ")");
		}
		if (longCallTimeout.compareTo(callTimeout) < 0) {
			throw new IllegalArgumentException("dim.dashboard.long-call-timeout must be at least "
					+ "dim.dashboard.call-timeout (got " + longCallTimeout + " and " + callTimeout + ")");
		}
	}

	@Override
	public String toString() {
		return "DashboardProperties[apiUrl=" + this.apiUrl + ", apiKeyFile=" + this.apiKeyFile + ", readKeyFile="
				+ this.readKeyFile + ", refreshInterval=" + this.refreshInterval + ", callTimeout=" + this.callTimeout
				+ ", longCallTimeout=" + this.longCallTimeout + ", keys and passwords=****]";
	}

}
