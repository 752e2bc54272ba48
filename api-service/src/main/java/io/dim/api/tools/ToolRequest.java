package io.dim.api.tools;

/**
 * What to copy.
 *
 * @param source endpoint to copy from
 * @param target endpoint to copy to
 * @param key one object key (or use prefix)
 * @param prefix every key under a "folder" prefix ending in "/" (or use key)
 */
public record ToolRequest(String source, String target, String key, String prefix) {

}
