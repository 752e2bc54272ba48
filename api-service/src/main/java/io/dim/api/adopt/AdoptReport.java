package io.dim.api.adopt;

/**
 * What an adoption did.
 *
 * @param endpoint the endpoint whose bucket was listed
 * @param prefix the key prefix listed ("" for the whole bucket)
 * @param listed objects found under it
 * @param adopted objects recorded now, each with a verified replica on the endpoint
 * @param known objects DIM already managed (left alone)
 * @param conflicts objects not adopted because another endpoint holds other bytes under
 * the same key (placing them would overwrite those)
 * @param bytes the adopted objects' bytes, all read and hashed
 * @param jobsCreated migration jobs the optimizer created to place the adopted objects
 * (their other replicas, up to REPLICATION_FACTOR)
 * @param seconds how long it took
 */
public record AdoptReport(String endpoint, String prefix, int listed, int adopted, int known, int conflicts, long bytes,
		int jobsCreated, double seconds) {

}
