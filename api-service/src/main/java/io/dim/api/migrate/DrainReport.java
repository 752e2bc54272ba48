package io.dim.api.migrate;

/**
 * What a drain did.
 *
 * @param empty whether the queue emptied (false: the timeout came first)
 * @param rounds ticks run
 * @param copied copies verified
 * @param deleted replicas deleted
 * @param failed tasks parked as FAILED
 * @param bytes bytes copied
 * @param remaining open tasks and jobs left
 * @param seconds how long it took
 */
public record DrainReport(boolean empty, int rounds, int copied, int deleted, int failed, long bytes, long remaining,
		double seconds) {

	/**
	 * @param round round number
	 * @param tick what it did
	 * @param remaining open tasks and jobs left after it
	 */
	public record Round(int round, TickReport tick, long remaining) {

	}

}
