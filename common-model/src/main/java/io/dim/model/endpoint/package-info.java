/**
 * The S3-compatible endpoints: parsing and validation of {@code S3_ENDPOINTS}, the local
 * stack's defaults, and the catalogue the services look endpoints up in.
 */
package io.dim.model.endpoint;
