package io.dim.api.file;

import java.util.List;

import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;

@RestController
class FilesController {

	private final FileQueries queries;

	private final AccessHistory history;

	private final ObjectForgetter forgetter;

	FilesController(FileQueries queries, AccessHistory history, ObjectForgetter forgetter) {
		this.queries = queries;
		this.history = history;
		this.forgetter = forgetter;
	}

	@GetMapping("/files/{key}/history")
	@Operation(summary = "The object's latest access-history buckets (reads and writes), oldest first")
	List<AccessHistory.Bucket> history(@PathVariable String key,
			@Parameter(description = "how many buckets, 1 to 1000") @RequestParam(defaultValue = "48") int buckets) {
		return this.history.latest(key, buckets);
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

	@PostMapping("/files/{key}/forget")
	@Operation(summary = "Takes an object its owner removed from every bucket out of the catalogue (its replicas, "
			+ "heat, history and unfinished tasks). Every endpoint is asked first: 409 while any bucket holds "
			+ "the key, 503 when an endpoint cannot be asked. Never deletes bytes.")
	ObjectForgetter.ForgetReport forget(@PathVariable String key) {
		return this.forgetter.forget(key);
	}

}
