/**
 * First start: buckets on every endpoint and a deterministic sample set, verified and
 * recorded, from POST /admin/bootstrap or the {@code bootstrap} command.
 */
package io.dim.api.bootstrap;
