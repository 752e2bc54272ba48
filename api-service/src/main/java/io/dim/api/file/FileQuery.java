package io.dim.api.file;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

import io.dim.api.web.BadParameterException;
import io.dim.model.heat.Tier;

/**
 * A validated GET /files request.
 *
 * @param page zero-based page number
 * @param size items per page, 1 to {@value #MAX_SIZE}
 * @param sort what to order by
 * @param descending whether to order from the largest
 * @param tier only objects of this tier, or null
 * @param endpoint only objects with a replica on this endpoint, or null
 */
record FileQuery(int page, int size, FileSort sort, boolean descending, Tier tier, String endpoint, String search) {

	static final int MAX_SEARCH = 256;

	static final int MAX_SIZE = 1000;

	static FileQuery of(int page, int size, String sort, String order, String tier, String endpoint, String search) {
		if (search != null && search.length() > MAX_SEARCH) {
			throw new BadParameterException("q", "must be at most " + MAX_SEARCH + " characters");
		}
		if (page < 0) {
			throw new BadParameterException("page", "must be 0 or more (got " + page + ")");
		}
		if (size < 1 || size > MAX_SIZE) {
			throw new BadParameterException("size", "must be between 1 and " + MAX_SIZE + " (got " + size + ")");
		}
		FileSort fileSort = parse(FileSort.class, "sort", sort);
		boolean descending;
		if (order == null || order.isBlank()) {
			descending = fileSort != FileSort.KEY;
		}
		else if (order.equalsIgnoreCase("asc") || order.equalsIgnoreCase("desc")) {
			descending = order.equalsIgnoreCase("desc");
		}
		else {
			throw new BadParameterException("order", "must be asc or desc (got '" + order + "')");
		}
		Tier tierFilter = null;
		if (tier != null && !tier.isBlank()) {
			tierFilter = Tier.parse(tier)
				.orElseThrow(() -> new BadParameterException("tier", "must be hot, warm or cold (got '" + tier + "')"));
		}
		return new FileQuery(page, size, fileSort, descending, tierFilter,
				(endpoint == null || endpoint.isBlank()) ? null : endpoint,
				(search == null || search.isBlank()) ? null : search.strip());
	}

	private static <E extends Enum<E>> E parse(Class<E> type, String parameter, String value) {
		for (E constant : type.getEnumConstants()) {
			if (constant.name().equalsIgnoreCase(value)) {
				return constant;
			}
		}
		String allowed = Arrays.stream(type.getEnumConstants())
			.map((c) -> c.name().toLowerCase(Locale.ROOT))
			.collect(Collectors.joining(", "));
		throw new BadParameterException(parameter, "must be one of " + allowed + " (got '" + value + "')");
	}

}
