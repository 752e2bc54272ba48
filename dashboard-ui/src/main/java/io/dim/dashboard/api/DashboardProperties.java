package io.dim.dashboard.api;

import java.net.URI;
import java.nio.file.Path;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Where the dashboard finds api-service.
 *
 * @param apiUrl base URL of api-service ({@code DIM_API_URL})
 * @param apiKey API key for actions ({@code DIM_API_KEY}); when empty, read from
 * {@code apiKeyFile}
 * @param apiKeyFile file scripts/dev-up writes the generated key to
 * @param refreshInterval how often the page refreshes its figures
 */
@ConfigurationProperties("dim.dashboard")
public record DashboardProperties(@DefaultValue("http://127.0.0.1:8000") URI apiUrl, @DefaultValue("") String apiKey,
		@DefaultValue("data/api-key") Path apiKeyFile, @DefaultValue("5s") java.time.Duration refreshInterval) {

}
