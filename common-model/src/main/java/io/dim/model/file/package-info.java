/**
 * Objects and their copies: {@code file_meta}, {@code replica}, {@code file_heat} and the
 * {@code access_bucket} history.
 */
package io.dim.model.file;
