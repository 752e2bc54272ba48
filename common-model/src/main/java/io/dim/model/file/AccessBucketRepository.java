package io.dim.model.file;

import org.springframework.data.jpa.repository.JpaRepository;

public interface AccessBucketRepository extends JpaRepository<AccessBucket, AccessBucketId> {

}
