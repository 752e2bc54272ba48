/** POST /simulate: bursts of access events for one object, published to dim.access. */
package io.dim.api.simulate;
