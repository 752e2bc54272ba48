package io.dim.api.tools;

/**
 * A tool run's progress, one line of {@code application/x-ndjson} each time an object is
 * copied (and, for rclone, each line it prints).
 *
 * @param copied objects copied so far
 * @param objects objects to copy
 * @param bytes their bytes copied so far (from the source listing)
 * @param totalBytes bytes to copy
 * @param line what happened last: the object copied, or the tool's output line (secrets
 * redacted)
 */
public record ToolProgress(int copied, int objects, long bytes, long totalBytes, String line) {

}
