/** Kafka topics, payload records and the stored consumer offsets. */
package io.dim.model.stream;
