package io.dim.api.ml;

import java.io.IOException;
import java.io.InputStream;
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
import io.dim.model.web.Ndjson;

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
		return send(HttpRequest.newBuilder(whatIfUri(days, policy, slaMs, replicas))
			.timeout(this.settings.whatIfTimeout())
			.GET());
	}

	/**
	 * The same with progress: opens ml-service's {@code application/x-ndjson} answer,
	 * whose lines the caller reads from the returned {@link WhatIfLines} as they come.
	 * @throws MlRefusedException when ml-service refuses the request (4xx) before its
	 * first line
	 */
	public WhatIfLines whatIfWithProgress(int days, String policy, Double slaMs, Integer replicas) {
		HttpRequest request = withKey(HttpRequest.newBuilder(whatIfUri(days, policy, slaMs, replicas))
			.timeout(this.settings.whatIfTimeout())
			.header("Accept", Ndjson.MEDIA_TYPE)
			.GET()).build();
		HttpResponse<InputStream> response = exchange(request, HttpResponse.BodyHandlers.ofInputStream());
		if (response.statusCode() != 200) {
			try (InputStream body = response.body()) {
				check(response.statusCode(), body.readAllBytes());
			}
			catch (IOException ex) {
				throw new MlUnavailableException("ml-service answered HTTP " + response.statusCode()
						+ " and stopped before its reason (" + ex.getClass().getSimpleName() + ")");
			}
		}
		return new WhatIfLines(response.body(), this.settings.whatIfTimeout());
	}

	private URI whatIfUri(int days, String policy, Double slaMs, Integer replicas) {
		return this.base.resolve("whatif?days=" + days + "&policy="
				+ java.net.URLEncoder.encode(policy, java.nio.charset.StandardCharsets.UTF_8)
				+ ((slaMs != null) ? "&slaMs=" + slaMs : "") + ((replicas != null) ? "&replicas=" + replicas : ""));
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
		HttpResponse<byte[]> response = exchange(withKey(request).build(), HttpResponse.BodyHandlers.ofByteArray());
		return check(response.statusCode(), response.body());
	}

	private <T> HttpResponse<T> exchange(HttpRequest request, HttpResponse.BodyHandler<T> body) {
		try {
			return this.http.send(request, body);
		}
		catch (IOException ex) {
			throw new MlUnavailableException("ml-service at " + this.base + " is unreachable ("
					+ ex.getClass().getSimpleName() + ((ex.getMessage() != null) ? ": " + ex.getMessage() : "") + ")");
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new MlUnavailableException("interrupted while calling ml-service");
		}
	}

	/**
	 * The JSON body of a 200 answer.
	 * @throws MlRefusedException for a 4xx refusal other than 401/403, with its detail
	 * @throws MlUnavailableException for any other status or a body that is not JSON
	 */
	private JsonNode check(int status, byte[] answer) {
		JsonNode body;
		try {
			body = this.json.readTree(answer);
		}
		catch (JacksonException ex) {
			throw new MlUnavailableException("ml-service answered HTTP " + status + " with a body that is not JSON");
		}
		if (status != 200) {
			String detail = (body != null && body.has("detail")) ? body.get("detail").asString() : "no detail";
			if (status >= 400 && status < 500 && status != 401 && status != 403) {
				throw new MlRefusedException(status, detail);
			}
			throw new MlUnavailableException("ml-service answered HTTP " + status + ": " + detail);
		}
		return body;
	}

}
