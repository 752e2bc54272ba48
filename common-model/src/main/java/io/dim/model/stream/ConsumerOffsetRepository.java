package io.dim.model.stream;

import org.springframework.data.jpa.repository.JpaRepository;

public interface ConsumerOffsetRepository extends JpaRepository<ConsumerOffset, ConsumerOffsetId> {

}
