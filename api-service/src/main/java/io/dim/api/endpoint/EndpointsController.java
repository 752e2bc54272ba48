package io.dim.api.endpoint;

import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

import io.dim.api.web.UnknownEndpointException;
import io.dim.model.endpoint.EndpointCatalog;
import io.dim.model.endpoint.EndpointConfig;
import io.dim.model.file.EndpointUsage;
import io.dim.model.file.ReplicaRepository;
import io.swagger.v3.oas.annotations.Operation;

@RestController
class EndpointsController {

	private final EndpointCatalog catalog;

	private final EndpointProbe probe;

	private final ReplicaRepository replicas;

	EndpointsController(EndpointCatalog catalog, EndpointProbe probe, ReplicaRepository replicas) {
		this.catalog = catalog;
		this.probe = probe;
		this.replicas = replicas;
	}

	@GetMapping("/endpoints")
	@Operation(summary = "Configured endpoints with metadata, health, object count and bytes (never credentials)")
	List<EndpointView> endpoints() {
		Map<String, EndpointUsage> usage = this.replicas.usageByEndpoint()
			.stream()
			.collect(Collectors.toMap(EndpointUsage::endpoint, Function.identity()));
		return this.catalog.all().stream().map((endpoint) -> view(endpoint, usage.get(endpoint.name()))).toList();
	}

	@GetMapping("/endpoints/{name}")
	@Operation(summary = "One endpoint")
	EndpointView endpoint(@PathVariable String name) {
		EndpointConfig endpoint = this.catalog.find(name).orElseThrow(() -> new UnknownEndpointException(name));
		return endpoints().stream().filter((view) -> view.name().equals(endpoint.name())).findFirst().orElseThrow();
	}

	private EndpointView view(EndpointConfig endpoint, EndpointUsage usage) {
		EndpointStatus status = this.probe.status(endpoint.name());
		return new EndpointView(endpoint.name(), endpoint.url().toString(), endpoint.bucket(), endpoint.provider(),
				endpoint.region(), endpoint.latencyMs(), endpoint.costPerGb(), endpoint.egressCostPerGb(),
				endpoint.encrypted(), endpoint.capacityGb(), status.label(), status.error(),
				(usage != null) ? usage.objects() : 0, (usage != null) ? usage.bytes() : 0);
	}

}
