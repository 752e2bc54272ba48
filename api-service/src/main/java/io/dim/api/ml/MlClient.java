package io.dim.api.ml;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;

import org.springframework.stereotype.Component;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import io.dim.model.config.DimProperties;
import io.dim.model.features.Features;
import io.dim.model.security.ApiKeys;

/**
 * Calls ml-service at ML_SERVICE_URL with a timeout on every call. Every failure becomes
 * an {@link MlUnavailableException} with a one-line reason.
 */
@Component
public class MlClient {

	private final URI base;

	private final MlProperties settings;

	private final String apiKey;

	private final HttpClient http;

	private final JsonMapper json = JsonMapper.builder().build();

	MlClient(DimProperties dim, MlProperties settings) {
		String url = dim.mlServiceUrl().toString();
		this.base = URI.create(url.endsWith("/") ? url : url + "/");
		this.settings = settings;
		this.apiKey = dim.apiKey();
		this.http = HttpClient.newBuilder().connectTimeout(settings.timeout()).build();
	}

	public URI baseUrl() {
		return this.base;
	}

	/** Predictions for a batch of feature rows, in order. */
	public Prediction.Batch predict(List<Features> rows) {
		JsonNode answer = send(post("predict", this.json.writeValueAsString(Map.of("rows", rows))));
		Prediction.Batch batch = this.json.treeToValue(answer, Prediction.Batch.class);
		if (batch.predictions() == null || batch.predictions().size() != rows.size()) {
			throw new MlUnavailableException(
					"ml-service answered " + ((batch.predictions() == null) ? "no" : batch.predictions().size())
							+ " predictions for " + rows.size() + " rows");
		}
		return batch;
	}

	/** Makes ml-service reload its models; returns its report. */
	public JsonNode load() {
		return send(post("models/load", ""));
	}

	/** The models ml-service has loaded. */
	public JsonNode models() {
		return send(HttpRequest.newBuilder(this.base.resolve("models")).timeout(this.settings.timeout()).GET());
	}

	/**
	 * ml-service's what-if comparison on the recent history.
	 * @throws MlRefusedException when ml-service refuses the request (4xx)
	 */
	public JsonNode whatIf(int days, String policy, Double slaMs, Integer replicas) {
		URI uri = this.base.resolve("whatif?days=" + days + "&policy="
				+ java.net.URLEncoder.encode(policy, java.nio.charset.StandardCharsets.UTF_8)
				+ ((slaMs != null) ? "&slaMs=" + slaMs : "") + ((replicas != null) ? "&replicas=" + replicas : ""));
		return send(HttpRequest.newBuilder(uri).timeout(this.settings.whatIfTimeout()).GET());
	}

	/** Every call carries the admin key: ml-service may need a key for reads too. */
	private HttpRequest.Builder withKey(HttpRequest.Builder request) {
		return this.apiKey.isEmpty() ? request : request.header(ApiKeys.HEADER, this.apiKey);
	}

	private HttpRequest.Builder post(String path, String body) {
		return HttpRequest.newBuilder(this.base.resolve(path))
			.timeout(this.settings.timeout())
			.header("Content-Type", "application/json")
			.POST(HttpRequest.BodyPublishers.ofString(body));
	}

	private JsonNode send(HttpRequest.Builder request) {
		HttpResponse<String> response;
		try {
			response = this.http.send(withKey(request).build(), HttpResponse.BodyHandlers.ofString());
		}
		catch (IOException ex) {
			throw new MlUnavailableException("ml-service at " + this.base + " is unreachable ("
					+ ex.getClass().getSimpleName() + ((ex.getMessage() != null) ? ": " + ex.getMessage() : "") + ")");
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new MlUnavailableException("interrupted while calling ml-service");
		}
		JsonNode body;
		try {
			body = this.json.readTree(response.body());
		}
		catch (JacksonException ex) {
			throw new MlUnavailableException(
					"ml-service answered HTTP " + response.statusCode() + " with a body that is not JSON");
		}
		if (response.statusCode() != 200) {
			String detail = (body != null && body.has("detail")) ? body.get("detail").asString() : "no detail";
			if (response.statusCode() >= 400 && response.statusCode() < 500 && response.statusCode() != 401
					&& response.statusCode() != 403) {
				throw new MlRefusedException(response.statusCode(), detail);
			}
			throw new MlUnavailableException("ml-service answered HTTP " + response.statusCode() + ": " + detail);
		}
		return body;
	}

}
