package io.dim.api.optimize;

import java.util.List;

import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

import io.dim.api.web.BadParameterException;
import io.dim.model.endpoint.EndpointCatalog;
import io.dim.model.endpoint.EndpointConfig;
import io.swagger.v3.oas.annotations.Operation;

/** The encryption policy ("Enforce encrypted destinations"). */
@RestController
class PolicyController {

	private final SecurityPolicy policy;

	private final Optimizer optimizer;

	private final ObjectFactsReader reader;

	private final EndpointCatalog catalog;

	PolicyController(SecurityPolicy policy, Optimizer optimizer, ObjectFactsReader reader, EndpointCatalog catalog) {
		this.policy = policy;
		this.optimizer = optimizer;
		this.reader = reader;
		this.catalog = catalog;
	}

	@GetMapping("/policy/security")
	@Operation(summary = "Whether only encrypted endpoints may hold replicas, and which endpoints that excludes")
	PolicyView get() {
		return view(this.policy.enforceEncryption(), null);
	}

	@PostMapping("/policy/security")
	@Operation(summary = "Turn \"enforce encrypted destinations\" on or off; turning it on re-evaluates every "
			+ "object with a replica on an unencrypted endpoint")
	PolicyView set(@RequestBody(required = false) PolicyChange change) {
		if (change == null || change.enforceEncryption() == null) {
			throw new BadParameterException("enforceEncryption", "is required: true or false");
		}
		boolean on = change.enforceEncryption();
		boolean before = this.policy.setEnforceEncryption(on);
		OptimizeReport report = null;
		if (on && !before) {
			List<String> keys = this.reader.keysWithReplicaOn(unencrypted());
			report = this.optimizer.optimizeSome(keys, OptimizeProgress.NONE);
		}
		return view(on, report);
	}

	private List<String> unencrypted() {
		return this.catalog.all().stream().filter((e) -> !e.encrypted()).map(EndpointConfig::name).toList();
	}

	private PolicyView view(boolean on, OptimizeReport reevaluated) {
		return new PolicyView(on, on ? unencrypted() : List.of(), reevaluated);
	}

	/**
	 * @param enforceEncryption true to allow only encrypted endpoints
	 */
	record PolicyChange(Boolean enforceEncryption) {

	}

	/**
	 * @param enforceEncryption whether the policy is on
	 * @param excludedEndpoints endpoints it excludes (unencrypted ones, while on)
	 * @param reevaluated what turning it on re-evaluated, absent otherwise
	 */
	record PolicyView(boolean enforceEncryption, List<String> excludedEndpoints, OptimizeReport reevaluated) {

	}

}
