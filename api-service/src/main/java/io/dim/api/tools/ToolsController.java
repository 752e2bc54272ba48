package io.dim.api.tools;

import java.util.Map;

import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.mvc.method.annotation.StreamingResponseBody;

import io.dim.model.web.Ndjson;
import io.swagger.v3.oas.annotations.Operation;

/**
 * Advanced Migration Tools. A bad request is refused (problem JSON) before anything runs;
 * with {@code Accept: application/x-ndjson} a progress line comes for each object copied
 * (and each line rclone prints), then the report.
 */
@RestController
class ToolsController {

	private final ToolRunner runner;

	ToolsController(ToolRunner runner) {
		this.runner = runner;
	}

	@PostMapping(path = "/tools/rclone", produces = MediaType.APPLICATION_JSON_VALUE)
	@Operation(summary = "Copy a key or a prefix (ending in /) between two endpoints with rclone "
			+ "(the built-in engine if rclone is not installed): argv (redacted), engine, exit code, objects copied and "
			+ "left unchanged (already the same on the target), bytes, duration, output; ask for application/x-ndjson to get a progress line per object copied first")
	ToolResult rclone(@RequestBody(required = false) ToolRequest request) {
		return run("rclone", request);
	}

	@PostMapping(path = "/tools/rclone", produces = Ndjson.MEDIA_TYPE)
	ResponseEntity<StreamingResponseBody> rcloneWithProgress(@RequestBody(required = false) ToolRequest request) {
		return runWithProgress("rclone", request);
	}

	@PostMapping(path = "/tools/s5cmd", produces = MediaType.APPLICATION_JSON_VALUE)
	@Operation(summary = "Copy a key or a prefix between two endpoints with s5cmd (cat piped into pipe, one object "
			+ "at a time), or the built-in engine if s5cmd is not installed; application/x-ndjson gives progress")
	ToolResult s5cmd(@RequestBody(required = false) ToolRequest request) {
		return run("s5cmd", request);
	}

	@PostMapping(path = "/tools/s5cmd", produces = Ndjson.MEDIA_TYPE)
	ResponseEntity<StreamingResponseBody> s5cmdWithProgress(@RequestBody(required = false) ToolRequest request) {
		return runWithProgress("s5cmd", request);
	}

	private ToolResult run(String tool, ToolRequest request) {
		ToolSelection.Selection selection = this.runner.select(request);
		try (ToolRunner.Slot slot = this.runner.reserve()) {
			return this.runner.run(tool, selection, (progress) -> {
			});
		}
	}

	/**
	 * Validated and reserved before the answer starts, so refusals keep their 4xx status.
	 */
	private ResponseEntity<StreamingResponseBody> runWithProgress(String tool, ToolRequest request) {
		ToolSelection.Selection selection = this.runner.select(request);
		ToolRunner.Slot slot = this.runner.reserve();
		try {
			return Ndjson.stream((lines) -> {
				try (slot) {
					ToolResult result = this.runner.run(tool, selection,
							(progress) -> lines.write(Map.of("progress", progress)));
					lines.write(Map.of("report", result));
				}
			});
		}
		catch (RuntimeException ex) {
			slot.close();
			throw ex;
		}
	}

}
