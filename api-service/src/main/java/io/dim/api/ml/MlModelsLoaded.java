package io.dim.api.ml;

/**
 * ml-service reloaded its models through {@code POST /ml/load}: whoever stopped asking it
 * after a failure may ask again now.
 */
public record MlModelsLoaded() {

}
