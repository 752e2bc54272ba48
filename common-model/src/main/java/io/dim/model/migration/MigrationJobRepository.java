package io.dim.model.migration;

import java.util.Collection;
import java.util.Optional;

import org.springframework.data.jpa.repository.JpaRepository;

public interface MigrationJobRepository extends JpaRepository<MigrationJob, Long> {

	/** The object's oldest job in one of the given states, e.g. one still in progress. */
	Optional<MigrationJob> findFirstByObjectKeyAndStateInOrderById(String objectKey, Collection<JobState> states);

	long countByState(JobState state);

}
