package io.dim.api.tools;

import java.util.List;

/**
 * What a tool run did.
 *
 * @param tool rclone or s5cmd, as asked
 * @param engine the binary that ran, or "builtin" when it is not installed or an endpoint
 * of the copy has chaos faults (the output's first line says which)
 * @param argv the exact command line, secrets redacted (empty for builtin)
 * @param exitCode the process's exit code (0 for a builtin success)
 * @param timedOut whether it was stopped at the timeout
 * @param objects objects copied
 * @param unchanged objects rclone found already the same on the target and left as they
 * were (size and modification time, else MD5, as rclone compares them); 0 for the
 * built-in engine and s5cmd, which copy every object
 * @param bytes the copied objects' bytes (from the source listing)
 * @param seconds how long it took
 * @param output the tool's output (last lines, secrets redacted)
 */
public record ToolResult(String tool, String engine, List<String> argv, int exitCode, boolean timedOut, int objects,
		int unchanged, long bytes, double seconds, String output) {

}
