/** Placement decisions of the optimizer with their cost terms and explanations. */
package io.dim.model.placement;
