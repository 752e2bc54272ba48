package io.dim.model.stream;

/** Kind of access an event records. */
public enum AccessOp {

	READ, WRITE

}
