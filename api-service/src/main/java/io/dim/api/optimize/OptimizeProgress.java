package io.dim.api.optimize;

/** Receives progress of a run over many objects. */
@FunctionalInterface
public interface OptimizeProgress {

	OptimizeProgress NONE = (step) -> {
	};

	void step(Step step);

	/**
	 * @param evaluated objects evaluated so far
	 * @param total objects in the run
	 * @param changed of those, objects to move
	 * @param degraded of those, objects whose constraints could not all hold
	 */
	record Step(int evaluated, int total, int changed, int degraded) {

	}

}
