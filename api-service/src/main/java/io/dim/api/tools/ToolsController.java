package io.dim.api.tools;

import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

import io.swagger.v3.oas.annotations.Operation;

/** Advanced Migration Tools. */
@RestController
class ToolsController {

	private final ToolRunner runner;

	ToolsController(ToolRunner runner) {
		this.runner = runner;
	}

	@PostMapping("/tools/rclone")
	@Operation(summary = "Copy a key or a prefix (ending in /) between two endpoints with rclone "
			+ "(the built-in engine if rclone is not installed): argv (redacted), engine, exit code, bytes, duration, output")
	ToolResult rclone(@RequestBody(required = false) ToolRequest request) {
		return this.runner.rclone(request);
	}

	@PostMapping("/tools/s5cmd")
	@Operation(summary = "Copy a key or a prefix between two endpoints with s5cmd (cat piped into pipe, one object "
			+ "at a time), or the built-in engine if s5cmd is not installed")
	ToolResult s5cmd(@RequestBody(required = false) ToolRequest request) {
		return this.runner.s5cmd(request);
	}

}
