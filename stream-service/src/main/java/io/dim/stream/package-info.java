/** stream-service: access events to heat (consumer), and the event generators. */
package io.dim.stream;
