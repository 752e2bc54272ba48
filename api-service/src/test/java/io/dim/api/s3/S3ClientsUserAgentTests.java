package io.dim.api.s3;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetSocketAddress;
import java.net.URI;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import org.junit.jupiter.api.Test;

import com.sun.net.httpserver.HttpServer;

import io.dim.model.endpoint.DimUserAgent;
import io.dim.model.endpoint.EndpointCatalog;
import io.dim.model.endpoint.EndpointConfig;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;

/**
 * What DIM's S3 requests say about themselves on the wire: a bucket notification carries
 * the requester's User-Agent (MinIO), and stream-service leaves out the requests that
 * name DIM, so this marker is what keeps DIM's own copies and reads out of heat.
 */
class S3ClientsUserAgentTests {

	@Test
	void everyRequestNamesDataInMotionInItsUserAgent() throws Exception {
		List<String> agents = new CopyOnWriteArrayList<>();
		HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
		server.createContext("/", (exchange) -> {
			agents.add(exchange.getRequestHeaders().getFirst("User-Agent"));
			exchange.sendResponseHeaders(404, -1);
			exchange.close();
		});
		server.start();
		try {
			EndpointConfig endpoint = new EndpointConfig("probe",
					URI.create("http://127.0.0.1:" + server.getAddress().getPort()), "access", "secret", "dim-data", 10,
					0.02, false, 0.09, 0, "test", "local");
			S3Clients clients = new S3Clients(new EndpointCatalog(List.of(endpoint)), new S3Faults(),
					new SimpleMeterRegistry());
			try {
				assertThat(clients.holds("probe", "some/key")).isFalse();
			}
			finally {
				clients.destroy();
			}
		}
		finally {
			server.stop(0);
		}
		assertThat(agents).isNotEmpty().allSatisfy((agent) -> {
			assertThat(agent).contains(DimUserAgent.MARKER);
			assertThat(DimUserAgent.isOwn(agent)).isTrue();
		});
		assertThat(DimUserAgent.isOwn("aws-sdk-java/2.42.0 md/io#sync")).isFalse();
		assertThat(DimUserAgent.isOwn(null)).isFalse();
	}

}
