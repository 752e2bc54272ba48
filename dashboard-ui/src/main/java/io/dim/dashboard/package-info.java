/** dashboard-ui: the Vaadin dashboard over api-service's REST API. */
package io.dim.dashboard;
