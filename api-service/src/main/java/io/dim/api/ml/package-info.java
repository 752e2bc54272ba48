/**
 * The ml-service client: predictions for the optimizer (with a timeout and a back-off
 * when ml-service is down) and {@code POST /ml/load}.
 */
package io.dim.api.ml;
