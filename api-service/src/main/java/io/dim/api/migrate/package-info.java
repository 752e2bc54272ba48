/**
 * The migrator: executes migration jobs (verified copies first, deletes only after), with
 * leases, retries and backoff; repair of objects left short by a failed endpoint.
 */
package io.dim.api.migrate;
