/** Web pieces the services with an HTTP API share. */
package io.dim.model.web;
