/**
 * Access to the S3 endpoints: one pooled client per endpoint, the only holder of their
 * secrets.
 */
package io.dim.api.s3;
