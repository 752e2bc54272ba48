/** Alerts raised by the evaluator, with open, acked and resolved history. */
package io.dim.model.alert;
