/** The configured endpoints as the API shows them: metadata, health probes and usage. */
package io.dim.api.endpoint;
