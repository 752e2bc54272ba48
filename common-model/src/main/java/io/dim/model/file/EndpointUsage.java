package io.dim.model.file;

/** Objects and bytes one endpoint holds. */
public record EndpointUsage(String endpoint, long objects, long bytes) {

}
