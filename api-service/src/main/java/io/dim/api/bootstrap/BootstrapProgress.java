package io.dim.api.bootstrap;

/** Receives bootstrap progress, one call per sample object. */
@FunctionalInterface
public interface BootstrapProgress {

	BootstrapProgress NONE = (step) -> {
	};

	void step(Step step);

	/**
	 * @param done objects handled so far
	 * @param total objects in the sample set
	 * @param key the object just handled
	 * @param action created, unchanged or restored
	 * @param endpoints endpoints it was written to (empty when unchanged)
	 */
	record Step(int done, int total, String key, String action, java.util.List<String> endpoints, long size) {

	}

}
