/**
 * Advanced migration tools: copy a key or prefix between two endpoints with rclone or
 * s5cmd when installed, or with the built-in engine when not.
 */
package io.dim.api.tools;
