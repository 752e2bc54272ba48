/**
 * Model serving: loading the trained models from the models directory and answering
 * prediction batches.
 */
package io.dim.ml.serve;
