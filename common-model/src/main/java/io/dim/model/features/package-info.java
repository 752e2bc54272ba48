/**
 * What is known about an object at a moment, computed the same way for training
 * (ml-service's dataset) and for prediction (api-service asking ml-service).
 */
package io.dim.model.features;
