package io.dim.localstack;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.dim.model.endpoint.EndpointCatalog;
import io.dim.model.endpoint.EndpointConfig;
import io.dim.model.endpoint.LocalEndpoints;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.S3Exception;

/** Tests for {@link LocalStack}: the real broker and S3 servers, on free ports. */
class LocalStackTests {

	@TempDir
	static Path dataDir;

	static LocalStack stack;

	@BeforeAll
	static void start() throws Exception {
		stack = LocalStack.startOnFreePorts(dataDir, LocalEndpoints.defaults());
	}

	@AfterAll
	static void stop() throws Exception {
		stack.close();
	}

	@Test
	void servesEveryEndpointWithItsOwnCredentialsAndStorage() {
		assertThat(stack.endpoints()).extracting(EndpointConfig::name).containsExactly("aws", "azure", "gcp");
		for (EndpointConfig endpoint : stack.endpoints()) {
			try (S3Client s3 = client(endpoint, endpoint.secretKey())) {
				s3.createBucket((b) -> b.bucket(endpoint.bucket()));
				s3.putObject((p) -> p.bucket(endpoint.bucket()).key("hello world/ünïcode.txt"),
						RequestBody.fromString("hello from " + endpoint.name()));
				String body = s3.getObjectAsBytes((g) -> g.bucket(endpoint.bucket()).key("hello world/ünïcode.txt"))
					.asUtf8String();
				assertThat(body).isEqualTo("hello from " + endpoint.name());
			}
			assertThat(dataDir.resolve("s3").resolve(endpoint.name()).resolve(endpoint.bucket())).isDirectory();
		}
	}

	@Test
	void rejectsAWrongSecret() {
		EndpointConfig aws = stack.endpoints().get(0);
		try (S3Client s3 = client(aws, "not-the-secret")) {
			org.assertj.core.api.Assertions.assertThatThrownBy(() -> s3.listBuckets())
				.isInstanceOf(S3Exception.class)
				.satisfies((ex) -> assertThat(((S3Exception) ex).statusCode()).isEqualTo(403));
		}
	}

	@Test
	void jsonPointsServicesAtTheActualPorts() {
		EndpointCatalog catalog = EndpointCatalog.fromSetting(stack.s3EndpointsJson(), 3);
		assertThat(catalog.all()).containsExactlyElementsOf(stack.endpoints());
	}

	@Test
	void kafkaBrokerCarriesRecords() {
		String topic = "local-stack-test-" + UUID.randomUUID();
		try (KafkaProducer<String, String> producer = new KafkaProducer<>(Map
			.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, stack.kafkaBootstrap(), ProducerConfig.ACKS_CONFIG, "all"),
				new StringSerializer(), new StringSerializer())) {
			for (int i = 0; i < 10; i++) {
				producer.send(new ProducerRecord<>(topic, "k" + i, "v" + i));
			}
			producer.flush();
		}
		List<String> values = new ArrayList<>();
		try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(
				Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, stack.kafkaBootstrap(), ConsumerConfig.GROUP_ID_CONFIG,
						"test", ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest"),
				new StringDeserializer(), new StringDeserializer())) {
			consumer.subscribe(List.of(topic));
			long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
			while (values.size() < 10 && System.nanoTime() < deadline) {
				for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(500))) {
					values.add(record.value());
				}
			}
		}
		assertThat(values).containsExactly("v0", "v1", "v2", "v3", "v4", "v5", "v6", "v7", "v8", "v9");
	}

	private static S3Client client(EndpointConfig endpoint, String secret) {
		return S3Client.builder()
			.endpointOverride(endpoint.url())
			.forcePathStyle(true)
			.region(Region.US_EAST_1)
			.credentialsProvider(
					StaticCredentialsProvider.create(AwsBasicCredentials.create(endpoint.accessKey(), secret)))
			.build();
	}

}
