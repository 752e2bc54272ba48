/**
 * The training dataset: one row per (object, cutoff time) built from the access history,
 * written as Parquet ({@code prepare-dataset}).
 */
package io.dim.ml.dataset;
