/** Event generators and stream-service's commands: simulate, produce, decay --once. */
package io.dim.stream.simulate;
