/**
 * Optimizing where objects live: the facts a decision rests on (endpoints, policy, heat),
 * single and bulk re-optimization, explanations, the security policy and the coalesced
 * re-optimization of objects whose tier changed.
 */
package io.dim.api.optimize;
