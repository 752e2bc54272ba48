/**
 * Adoption: objects already stored in an endpoint's bucket brought under DIM's management
 * (recorded, verified, then placed by the optimizer).
 */
package io.dim.api.adopt;
