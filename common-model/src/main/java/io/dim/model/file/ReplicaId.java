package io.dim.model.file;

import java.io.Serializable;

/** Primary key of {@link Replica}: one replica per object and endpoint. */
public record ReplicaId(String objectKey, String endpoint) implements Serializable {

	public ReplicaId() {
		this(null, null);
	}

}
