package io.dim.api.optimize;

/**
 * How long a placement change's copies wait for a read to carry them. The migrator
 * decides (it owns copies and their settings); the optimizer asks when it creates a job.
 */
public interface CopyWait {

	/**
	 * Until when (epoch milliseconds) the copies of a job created {@code now} for this
	 * object wait for a read; null: they do not wait.
	 */
	Long readWaitUntil(ObjectFacts facts, long now);

}
