/**
 * Coordination between api-service instances that share a database.
 */
package io.dim.api.cluster;
