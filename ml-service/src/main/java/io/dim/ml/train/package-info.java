/**
 * Training: the tier classifier and the hot-soon forecaster, each the better of two
 * Tribuo trainers on a time-based split, with metrics against the heat-band baseline.
 */
package io.dim.ml.train;
