/**
 * Synthetic access workloads with structure worth learning, shared by the simulator, the
 * ML tests and the replay benchmark.
 */
package io.dim.model.workload;
