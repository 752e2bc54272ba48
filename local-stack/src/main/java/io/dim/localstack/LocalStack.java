package io.dim.localstack;

import java.net.URI;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.dim.model.endpoint.EndpointConfig;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The whole local stack: one Kafka broker and one S3 endpoint per configured endpoint
 * whose URL is on this machine. {@link LocalStackMain} runs it on the fixed ports of
 * DESIGN.md; tests call {@link #startOnFreePorts} to get a private copy.
 */
public final class LocalStack implements AutoCloseable {

	private final KafkaBroker kafka;

	private final Map<String, S3Endpoint> s3 = new LinkedHashMap<>();

	private final List<EndpointConfig> endpoints = new ArrayList<>();

	private LocalStack(KafkaBroker kafka) {
		this.kafka = kafka;
	}

	/**
	 * Starts the stack under {@code dataDir} ({@code kafka/} and {@code s3/<name>/}).
	 * @param kafkaPort broker port, 0 for a free one
	 * @param endpoints endpoints to serve; each is served on its URL's port, or on a free
	 * port when {@code freePorts} is set (see {@link #endpoints()} for the actual URLs)
	 */
	public static LocalStack start(Path dataDir, int kafkaPort, List<EndpointConfig> endpoints, boolean freePorts)
			throws Exception {
		LocalStack stack = null;
		try {
			stack = new LocalStack((kafkaPort >= 0) ? KafkaBroker.start(dataDir.resolve("kafka"), kafkaPort) : null);
			for (EndpointConfig endpoint : endpoints) {
				int port = freePorts ? 0 : endpoint.url().getPort();
				S3Endpoint server = S3Endpoint.start(endpoint.name(), dataDir.resolve("s3").resolve(endpoint.name()),
						port, endpoint.accessKey(), endpoint.secretKey());
				stack.s3.put(endpoint.name(), server);
				stack.endpoints.add(withUrl(endpoint, server.url()));
			}
			return stack;
		}
		catch (Exception ex) {
			if (stack != null) {
				stack.close();
			}
			throw ex;
		}
	}

	/** A private stack for a test: Kafka and the given endpoints, all on free ports. */
	public static LocalStack startOnFreePorts(Path dataDir, List<EndpointConfig> endpoints) throws Exception {
		return start(dataDir, 0, endpoints, true);
	}

	/**
	 * Like {@link #startOnFreePorts} but without a Kafka broker, for tests that only need
	 * S3.
	 */
	public static LocalStack startS3OnFreePorts(Path dataDir, List<EndpointConfig> endpoints) throws Exception {
		return start(dataDir, -1, endpoints, true);
	}

	public String kafkaBootstrap() {
		if (this.kafka == null) {
			throw new IllegalStateException("this local stack runs no Kafka broker");
		}
		return this.kafka.bootstrapServers();
	}

	/** The endpoints as served, with their actual URLs. */
	public List<EndpointConfig> endpoints() {
		return List.copyOf(this.endpoints);
	}

	public S3Endpoint s3(String name) {
		return this.s3.get(name);
	}

	/** Stops one endpoint, as an outage would. */
	public void stopEndpoint(String name) throws Exception {
		this.s3.get(name).close();
	}

	/** The {@code S3_ENDPOINTS} JSON that points services at this stack. */
	public String s3EndpointsJson() {
		return s3EndpointsJson(this.endpoints);
	}

	/** The {@code S3_ENDPOINTS} JSON of any endpoints (e.g. containers in a test). */
	public static String s3EndpointsJson(List<EndpointConfig> endpoints) {
		JsonMapper json = JsonMapper.builder().build();
		ArrayNode array = json.createArrayNode();
		for (EndpointConfig endpoint : endpoints) {
			ObjectNode node = array.addObject();
			node.put("name", endpoint.name());
			node.put("url", endpoint.url().toString());
			node.put("access_key", endpoint.accessKey());
			node.put("secret_key", endpoint.secretKey());
			node.put("bucket", endpoint.bucket());
			node.put("latency_ms", endpoint.latencyMs());
			node.put("cost_per_gb", endpoint.costPerGb());
			node.put("encrypted", endpoint.encrypted());
			node.put("egress_cost_per_gb", endpoint.egressCostPerGb());
			node.put("capacity_gb", endpoint.capacityGb());
			node.put("provider", endpoint.provider());
			node.put("region", endpoint.region());
		}
		return json.writeValueAsString(array);
	}

	private static EndpointConfig withUrl(EndpointConfig endpoint, URI url) {
		return new EndpointConfig(endpoint.name(), url, endpoint.accessKey(), endpoint.secretKey(), endpoint.bucket(),
				endpoint.latencyMs(), endpoint.costPerGb(), endpoint.encrypted(), endpoint.egressCostPerGb(),
				endpoint.capacityGb(), endpoint.provider(), endpoint.region());
	}

	@Override
	public void close() throws Exception {
		for (S3Endpoint endpoint : this.s3.values()) {
			try {
				endpoint.close();
			}
			catch (Exception ex) {
				// Already stopped (an outage test) or failing to stop: keep closing the
				// rest.
			}
		}
		if (this.kafka != null) {
			this.kafka.close();
		}
	}

}
