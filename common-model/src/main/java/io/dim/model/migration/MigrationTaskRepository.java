package io.dim.model.migration;

import java.util.List;

import org.springframework.data.jpa.repository.JpaRepository;

public interface MigrationTaskRepository extends JpaRepository<MigrationTask, Long> {

	List<MigrationTask> findByJobIdOrderById(Long jobId);

}
