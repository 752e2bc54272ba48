/** Tiers and the heat bands that map heat onto them. */
package io.dim.model.heat;
