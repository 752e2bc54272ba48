/** The dashboard's client of api-service's REST API and the records it reads. */
package io.dim.dashboard.api;
