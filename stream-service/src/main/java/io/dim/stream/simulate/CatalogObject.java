package io.dim.stream.simulate;

/** A managed object as the generators see it. */
public record CatalogObject(String key, long size) {

}
