/** Tier-band changes from stream-service (dim.heat). */
package io.dim.api.heat;
