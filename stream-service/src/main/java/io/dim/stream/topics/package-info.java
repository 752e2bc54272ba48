/** Declares stream-service's Kafka topics. */
package io.dim.stream.topics;
