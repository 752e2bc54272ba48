/** ml-service: datasets, training and serving of the placement models. */
package io.dim.ml;
