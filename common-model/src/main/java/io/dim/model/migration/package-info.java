/**
 * Durable migration jobs and their COPY/DELETE tasks with leases, attempts and errors.
 */
package io.dim.model.migration;
