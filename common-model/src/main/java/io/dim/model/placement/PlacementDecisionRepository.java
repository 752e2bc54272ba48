package io.dim.model.placement;

import java.util.Optional;

import org.springframework.data.jpa.repository.JpaRepository;

public interface PlacementDecisionRepository extends JpaRepository<PlacementDecision, Long> {

	Optional<PlacementDecision> findFirstByObjectKeyOrderByDecidedAtDescIdDesc(String objectKey);

}
