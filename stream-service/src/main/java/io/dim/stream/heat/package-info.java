/**
 * Access events to heat: the exactly-once batch consumer of dim.access, the decayer that
 * cools heat, tier-band changes to dim.heat, and the consumer's metrics.
 */
package io.dim.stream.heat;
