/** Reading objects' bytes through Data-in-Motion, with failover between replicas. */
package io.dim.api.read;
