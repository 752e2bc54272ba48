/**
 * The model every service shares: the schema of DESIGN.md as JPA entities and
 * repositories with its Flyway migrations, the Kafka payloads, and the configuration.
 */
package io.dim.model;
