/** Chaos controls: fail, slow down or make flaky an endpoint's S3 calls. */
package io.dim.api.chaos;
