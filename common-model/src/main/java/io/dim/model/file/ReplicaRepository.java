package io.dim.model.file;

import java.util.Collection;
import java.util.List;

import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.Query;

public interface ReplicaRepository extends JpaRepository<Replica, ReplicaId> {

	List<Replica> findByObjectKeyOrderByEndpoint(String objectKey);

	List<Replica> findByObjectKeyIn(Collection<String> objectKeys);

	/**
	 * Objects and bytes held per endpoint, counting replicas in any state but DELETING.
	 */
	@Query("""
			select new io.dim.model.file.EndpointUsage(r.endpoint, count(r), coalesce(sum(f.sizeBytes), 0))
			from Replica r join FileMeta f on f.objectKey = r.objectKey
			where r.state <> io.dim.model.file.ReplicaState.DELETING
			group by r.endpoint""")
	List<EndpointUsage> usageByEndpoint();

}
