package io.dim.model.endpoint;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import io.dim.model.config.InvalidSettingException;

/** Tests for {@link EndpointCatalogParser}. */
class EndpointCatalogParserTests {

	private static final String GOOD = """
			{"name":"aws","url":"http://127.0.0.1:9000","access_key":"a","secret_key":"s","bucket":"dim-data",
			 "latency_ms":20,"cost_per_gb":0.023}""";

	@Test
	void parsesRequiredAndOptionalFields() {
		List<EndpointConfig> endpoints = EndpointCatalogParser.parse("[" + GOOD + "," + GOOD.replace("aws", "gcp")
			.replace("0.023", "0.01")
			.replace("}", ",\"encrypted\":true,"
					+ "\"egress_cost_per_gb\":0.12,\"capacity_gb\":500,\"provider\":\"google\",\"region\":\"eu\"}")
				+ "]");
		assertThat(endpoints).extracting(EndpointConfig::name).containsExactly("aws", "gcp");
		EndpointConfig gcp = endpoints.get(1);
		assertThat(gcp.encrypted()).isTrue();
		assertThat(gcp.egressCostPerGb()).isEqualTo(0.12);
		assertThat(gcp.capacityGb()).isEqualTo(500);
		assertThat(gcp.provider()).isEqualTo("google");
		assertThat(endpoints.get(0).encrypted()).isFalse();
		assertThat(endpoints.get(0).unlimitedCapacity()).isTrue();
	}

	@Test
	void neverPrintsTheSecretKey() {
		EndpointConfig endpoint = EndpointCatalogParser.parse("[" + GOOD.replace("\"s\"", "\"canary-XYZ\"") + "]")
			.get(0);
		assertThat(endpoint.toString()).doesNotContain("canary-XYZ");
		assertThat(endpoint.secretKey()).isEqualTo("canary-XYZ");
	}

	@ParameterizedTest
	@CsvSource(delimiter = '|',
			textBlock = """
					[{"name":                                          | S3_ENDPOINTS: invalid JSON
					{}                                                 | S3_ENDPOINTS: must be a JSON array
					[]                                                 | S3_ENDPOINTS: must list at least one endpoint
					[{"url":"http://x"}]                               | S3_ENDPOINTS: entry 0: field 'name' is missing
					[{"name":"Bad Name"}]                              | S3_ENDPOINTS: entry 0: field 'name' must be 1-32 characters
					""")
	void rejectsBadDocuments(String json, String message) {
		assertThatThrownBy(() -> EndpointCatalogParser.parse(json)).isInstanceOf(InvalidSettingException.class)
			.hasMessageStartingWith(message.trim());
	}

	@ParameterizedTest
	@CsvSource(delimiter = '|',
			textBlock = """
					"access_key":"a",        | "access_key":"",          | endpoint 'aws': field 'access_key' must be a non-empty string
					"secret_key":"s",        |                           | endpoint 'aws': field 'secret_key' is missing
					"cost_per_gb":0.023      | "cost_per_gb":-1          | endpoint 'aws': field 'cost_per_gb' must not be negative
					"latency_ms":20,         | "latency_ms":-5,          | endpoint 'aws': field 'latency_ms' must not be negative
					"latency_ms":20,         | "latency_ms":"fast",      | endpoint 'aws': field 'latency_ms' must be a number
					"url":"http://127.0.0.1:9000" | "url":"ftp://host"   | endpoint 'aws': field 'url' must be an http:// or https:// URL
					"url":"http://127.0.0.1:9000" | "url":"not a url"    | endpoint 'aws': field 'url'
					"url":"http://127.0.0.1:9000" | "url":"file:///etc/passwd" | endpoint 'aws': field 'url' must be an http:// or https:// URL
					"url":"http://127.0.0.1:9000" | "url":"http://key:secret@127.0.0.1:9000" | endpoint 'aws': field 'url' must not carry user info
					"url":"http://127.0.0.1:9000" | "url":"https://h/?x=1" | endpoint 'aws': field 'url' must not carry user info, a query
					"bucket":"dim-data",     | "bucket":"Bad_Bucket",    | endpoint 'aws': field 'bucket' must be a valid S3 bucket name
					""")
	void namesTheEndpointAndTheField(String original, String replacement, String message) {
		String json = "[" + GOOD.replace(original.trim(), (replacement != null) ? replacement.trim() : "") + "]";
		assertThatThrownBy(() -> EndpointCatalogParser.parse(json)).isInstanceOf(InvalidSettingException.class)
			.hasMessageStartingWith("S3_ENDPOINTS: " + message.trim());
	}

	@Test
	void rejectsDuplicateNames() {
		assertThatThrownBy(() -> EndpointCatalogParser.parse("[" + GOOD + "," + GOOD + "]"))
			.hasMessage("S3_ENDPOINTS: endpoint 'aws': duplicate name");
	}

	@Test
	void replicationFactorCannotExceedTheEndpoints() {
		assertThatThrownBy(() -> EndpointCatalog.fromSetting("[" + GOOD + "]", 2))
			.hasMessage("REPLICATION_FACTOR: is 2 but only 1 endpoints are configured in S3_ENDPOINTS");
	}

	@Test
	void blankSettingMeansTheLocalStack() {
		EndpointCatalog catalog = EndpointCatalog.fromSetting("", 2);
		assertThat(catalog.all()).extracting(EndpointConfig::name).containsExactly("aws", "azure", "gcp");
		assertThat(catalog.find("gcp")).get().satisfies((gcp) -> assertThat(gcp.encrypted()).isFalse());
	}

}
