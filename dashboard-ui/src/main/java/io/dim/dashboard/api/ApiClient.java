package io.dim.dashboard.api;

import java.io.IOException;
import java.nio.file.Files;
import java.util.List;

import org.springframework.core.ParameterizedTypeReference;
import org.springframework.stereotype.Component;
import org.springframework.web.client.RestClient;
import org.springframework.web.client.RestClientException;

import tools.jackson.databind.JsonNode;

/**
 * The dashboard's only way to data: api-service's REST API, with the configured API key.
 */
@Component
public class ApiClient {

	private final RestClient rest;

	private final DashboardProperties properties;

	public ApiClient(RestClient.Builder builder, DashboardProperties properties) {
		this.properties = properties;
		this.rest = builder.baseUrl(properties.apiUrl().toString()).defaultHeaders((headers) -> {
			String key = apiKey();
			if (!key.isEmpty()) {
				headers.set("X-API-Key", key);
			}
		}).build();
	}

	public Overview overview() {
		try {
			JsonNode page = this.rest.get().uri("/files?size=1").retrieve().body(JsonNode.class);
			List<Overview.Endpoint> endpoints = this.rest.get()
				.uri("/endpoints")
				.retrieve()
				.body(new ParameterizedTypeReference<List<Overview.Endpoint>>() {
				});
			long objects = (page != null) ? page.get("total").asLong() : 0;
			long bytes = (endpoints != null) ? endpoints.stream().mapToLong(Overview.Endpoint::bytes).sum() : 0;
			return new Overview(objects, bytes, (endpoints != null) ? endpoints : List.of());
		}
		catch (RestClientException ex) {
			throw new ApiUnavailableException(
					"api-service at " + this.properties.apiUrl() + " is not answering: " + ex.getMessage(), ex);
		}
	}

	public String apiUrl() {
		return this.properties.apiUrl().toString();
	}

	private String apiKey() {
		if (!this.properties.apiKey().isBlank()) {
			return this.properties.apiKey().trim();
		}
		try {
			return Files.isReadable(this.properties.apiKeyFile())
					? Files.readString(this.properties.apiKeyFile()).trim() : "";
		}
		catch (IOException ex) {
			return "";
		}
	}

}
