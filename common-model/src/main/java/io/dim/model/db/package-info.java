/**
 * Database plumbing shared by the services: the datasource derived from {@code DB_URL}
 * (SQLite or PostgreSQL), the Flyway set-up (api-service migrates, the others wait for
 * the schema), and the column converters that keep one schema for both vendors.
 */
package io.dim.model.db;
