/**
 * api-service: REST API, bootstrap, and (in later features) optimizer, migrator and
 * alerts.
 */
package io.dim.api;
