package io.dim.model.stream;

/**
 * api-service took an object out of the catalogue ({@code POST /files/{key}/forget}, once
 * its owner removed it from every bucket), announced on {@link Topics#FORGOTTEN}: every
 * stream-service instance stops counting its events at once (they are dead-lettered as an
 * unknown key from then on) instead of after its managed-key cache expires.
 *
 * @param key the forgotten object's key
 */
public record ObjectForgotten(String key) {

}
