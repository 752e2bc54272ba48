package io.dim.api.file;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import jakarta.persistence.EntityManager;
import jakarta.persistence.TypedQuery;

import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import io.dim.api.web.UnknownEndpointException;
import io.dim.model.endpoint.EndpointCatalog;
import io.dim.model.file.FileHeat;
import io.dim.model.file.FileHeatRepository;
import io.dim.model.file.FileMeta;
import io.dim.model.file.FileMetaRepository;
import io.dim.model.file.Replica;
import io.dim.model.file.ReplicaRepository;

/** Reads objects with their heat and replicas for the files API. */
@Service
@Transactional(readOnly = true)
class FileQueries {

	private final EntityManager entityManager;

	private final FileMetaRepository files;

	private final FileHeatRepository heats;

	private final ReplicaRepository replicas;

	private final EndpointCatalog catalog;

	private final ReplicaMismatches mismatches;

	FileQueries(EntityManager entityManager, FileMetaRepository files, FileHeatRepository heats,
			ReplicaRepository replicas, EndpointCatalog catalog, ReplicaMismatches mismatches) {
		this.entityManager = entityManager;
		this.files = files;
		this.heats = heats;
		this.replicas = replicas;
		this.catalog = catalog;
		this.mismatches = mismatches;
	}

	FilePage page(FileQuery query) {
		if (query.endpoint() != null && !this.catalog.contains(query.endpoint())) {
			throw new UnknownEndpointException(query.endpoint());
		}
		String where = where(query);
		TypedQuery<Long> count = this.entityManager.createQuery(
				"select count(f) from FileMeta f left join FileHeat h on h.objectKey = f.objectKey" + where,
				Long.class);
		bind(count, query);
		long total = count.getSingleResult();

		String direction = query.descending() ? " desc" : " asc";
		TypedQuery<Object[]> select = this.entityManager
			.createQuery(
					"select f, h from FileMeta f left join FileHeat h on h.objectKey = f.objectKey" + where
							+ " order by " + query.sort().expression() + direction + ", f.objectKey asc",
					Object[].class);
		bind(select, query);
		select.setFirstResult(Math.toIntExact(Math.min((long) query.page() * query.size(), Integer.MAX_VALUE)));
		select.setMaxResults(query.size());
		List<Object[]> rows = select.getResultList();

		List<String> keys = rows.stream().map((row) -> ((FileMeta) row[0]).getObjectKey()).toList();
		Map<String, List<String>> replicasByKey = this.replicas.findByObjectKeyIn(keys)
			.stream()
			.sorted(Comparator.comparing(Replica::getEndpoint))
			.collect(Collectors.groupingBy(Replica::getObjectKey,
					Collectors.mapping(Replica::getEndpoint, Collectors.toList())));
		List<FileSummary> items = new ArrayList<>();
		for (Object[] row : rows) {
			FileMeta file = (FileMeta) row[0];
			FileHeat heat = (FileHeat) row[1];
			double heatValue = (heat != null) ? heat.getHeat() : 0;
			items.add(new FileSummary(file.getObjectKey(), file.getSizeBytes(), file.getContentType(), tierOf(heat),
					heatValue, (heat != null) ? heat.getLastAccessAt() : null,
					(heat != null) ? heat.getReadsTotal() : 0, (heat != null) ? heat.getWritesTotal() : 0,
					replicasByKey.getOrDefault(file.getObjectKey(), List.of())));
		}
		long totalPages = (total + query.size() - 1) / query.size();
		return new FilePage(items, query.page(), query.size(), total, totalPages);
	}

	FileDetail detail(String key) {
		FileMeta file = this.files.findById(key).orElseThrow(() -> new UnknownObjectException(key));
		FileHeat heat = this.heats.findById(key).orElse(null);
		double heatValue = (heat != null) ? heat.getHeat() : 0;
		Set<String> foundWrong = this.mismatches.foundOn(key);
		List<ReplicaView> replicaViews = this.replicas.findByObjectKeyOrderByEndpoint(key)
			.stream()
			.map((replica) -> new ReplicaView(replica.getEndpoint(), replica.getState().name(), replica.getVerifiedAt(),
					foundWrong.contains(replica.getEndpoint())))
			.toList();
		return new FileDetail(file.getObjectKey(), file.getSizeBytes(), file.getContentType(), file.getSha256(),
				file.getVersionToken(), file.getCreatedAt(), tierOf(heat), heatValue,
				(heat != null) ? heat.getLastAccessAt() : null, (heat != null) ? heat.getReadsTotal() : 0,
				(heat != null) ? heat.getWritesTotal() : 0, replicaViews);
	}

	/**
	 * The tier stream-service tracks (bands with hysteresis); cold for an object never
	 * accessed.
	 */
	private static String tierOf(FileHeat heat) {
		return (heat != null) ? heat.getTier() : "cold";
	}

	private static String where(FileQuery query) {
		List<String> conditions = new ArrayList<>();
		if (query.tier() != null) {
			conditions.add("coalesce(h.tier, 'cold') = :tier");
		}
		if (query.endpoint() != null) {
			conditions
				.add("exists (select 1 from Replica r where r.objectKey = f.objectKey and r.endpoint = :endpoint)");
		}
		if (query.search() != null) {
			conditions.add("lower(f.objectKey) like :search escape '!'");
		}
		return conditions.isEmpty() ? "" : " where " + String.join(" and ", conditions);
	}

	private void bind(TypedQuery<?> jpql, FileQuery query) {
		if (query.tier() != null) {
			jpql.setParameter("tier", query.tier().label());
		}
		if (query.endpoint() != null) {
			jpql.setParameter("endpoint", query.endpoint());
		}
		if (query.search() != null) {
			// A substring of the key, any case; % and _ in it match themselves.
			String literal = query.search()
				.toLowerCase(java.util.Locale.ROOT)
				.replace("!", "!!")
				.replace("%", "!%")
				.replace("_", "!_");
			jpql.setParameter("search", "%" + literal + "%");
		}
	}

}
