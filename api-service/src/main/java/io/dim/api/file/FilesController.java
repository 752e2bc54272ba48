package io.dim.api.file;

import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;

@RestController
class FilesController {

	private final FileQueries queries;

	FilesController(FileQueries queries) {
		this.queries = queries;
	}

	@GetMapping("/files")
	@Operation(
			summary = "Objects, paged, with heat and replicas; filter by tier, endpoint or key text, sort by key, size or heat")
	FilePage files(@RequestParam(defaultValue = "0") int page, @RequestParam(defaultValue = "50") int size,
			@Parameter(description = "key, size or heat") @RequestParam(defaultValue = "key") String sort,
			@Parameter(description = "asc or desc (default: asc for key, desc otherwise)") @RequestParam(
					required = false) String order,
			@Parameter(description = "hot, warm or cold") @RequestParam(required = false) String tier,
			@Parameter(description = "only objects with a replica on this endpoint") @RequestParam(
					required = false) String endpoint,
			@Parameter(description = "only keys containing this text (any case)") @RequestParam(
					required = false) String q) {
		return this.queries.page(FileQuery.of(page, size, sort, order, tier, endpoint, q));
	}

	@GetMapping("/files/{key}")
	@Operation(summary = "One object: metadata, heat and replicas with their state. " + "Encode '/' in the key as %2F.")
	FileDetail file(@PathVariable String key) {
		return this.queries.detail(key);
	}

}
