package io.dim.model.stream;

import java.time.Instant;

/**
 * An object's tier band changed ({@link Topics#HEAT}); the optimizer re-evaluates it.
 *
 * @param key object key
 * @param from previous tier label
 * @param to new tier label
 * @param heat heat when the change was seen
 * @param at when the change was seen
 */
public record HeatChanged(String key, String from, String to, double heat, Instant at) {

}
