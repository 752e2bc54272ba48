/**
 * Settings shared by every service: the environment variables of DESIGN.md bound to
 * validated records, and the one-line start-up error for a bad value.
 */
package io.dim.model.config;
