package io.dim.api.optimize;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.springframework.stereotype.Component;

import io.dim.api.endpoint.EndpointProbe;
import io.dim.api.endpoint.EndpointStatus;
import io.dim.api.s3.S3Faults;
import io.dim.model.endpoint.EndpointCatalog;
import io.dim.model.file.EndpointUsage;
import io.dim.model.file.ReplicaRepository;

/**
 * Takes an {@link EndpointSnapshot} from the catalogue, the probes, the policy and the
 * database.
 */
@Component
class EndpointSnapshots {

	private final EndpointCatalog catalog;

	private final EndpointProbe probe;

	private final SecurityPolicy policy;

	private final ReplicaRepository replicas;

	private final S3Faults faults;

	EndpointSnapshots(EndpointCatalog catalog, EndpointProbe probe, SecurityPolicy policy, ReplicaRepository replicas,
			S3Faults faults) {
		this.faults = faults;
		this.catalog = catalog;
		this.probe = probe;
		this.policy = policy;
		this.replicas = replicas;
	}

	EndpointSnapshot take() {
		return take(this.policy.enforceEncryption());
	}

	/**
	 * A snapshot as if the encryption policy were {@code enforce}: to show what it costs.
	 */
	EndpointSnapshot take(boolean enforce) {
		List<EndpointFacts> facts = this.catalog.all().stream().map((config) -> {
			if (this.faults.isFailed(config.name())) {
				// Chaos takes effect at once, not when the probe's cache expires.
				return new EndpointFacts(config, false, "failed (chaos)", false, enforce && !config.encrypted());
			}
			EndpointStatus status = this.probe.status(config.name());
			boolean healthy = status.up() && status.bucketExists();
			String problem = healthy ? null
					: status.up() ? "bucket " + config.bucket() + " does not exist" : status.error();
			return new EndpointFacts(config, healthy, problem, status.up() && !status.bucketExists(),
					enforce && !config.encrypted());
		}).toList();
		Map<String, Long> used = new HashMap<>();
		// Only capacity limits need the bytes held; the count is a grouped scan of every
		// replica, too much to run for every single-object decision without a reason.
		if (this.catalog.all().stream().anyMatch((config) -> !config.unlimitedCapacity())) {
			for (EndpointUsage usage : this.replicas.usageByEndpoint()) {
				used.put(usage.endpoint(), usage.bytes());
			}
		}
		return new EndpointSnapshot(facts, used, enforce);
	}

}
