package io.dim.model.placement;

import java.util.Optional;

/**
 * Solves a {@link PlacementProblem} exactly; empty when its constraints cannot all hold.
 */
public interface PlacementSolver {

	Optional<Placement> solve(PlacementProblem problem);

}
