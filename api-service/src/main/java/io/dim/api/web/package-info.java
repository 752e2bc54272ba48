/**
 * HTTP concerns shared by every feature: API key check, error contract, path encoding.
 */
package io.dim.api.web;
